package dev.p2pchat.bench.limit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.startup.Tomcat;

/**
 * The bare-HTTP limit: a Tomcat, with Tomcat's defaults, that answers every request with
 * 202 and an empty body and does nothing else.
 */
public final class BareHttpServer {

	private BareHttpServer() {
	}

	/**
	 * Runs until the process is stopped.
	 * @param args the port
	 * @throws Exception when Tomcat does not start
	 */
	public static void main(String[] args) throws Exception {
		EmbeddedTomcat.start(Integer.parseInt(args[0]), (context) -> {
			Tomcat.addServlet(context, "accepted", new Accepted());
			context.addServletMappingDecoded("/*", "accepted");
		});
		Thread.currentThread().join();
	}

	static final class Accepted extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			response.setStatus(HttpServletResponse.SC_ACCEPTED);
		}

	}

}
