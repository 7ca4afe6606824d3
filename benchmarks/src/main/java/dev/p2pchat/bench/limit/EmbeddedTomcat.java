package dev.p2pchat.bench.limit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * A Tomcat with Tomcat's own defaults, bound to the loopback interface only, optionally
 * with WebSocket support.
 */
public final class EmbeddedTomcat {

	private final Tomcat tomcat;

	private final Context context;

	private EmbeddedTomcat(Tomcat tomcat, Context context) {
		this.tomcat = tomcat;
		this.context = context;
	}

	/**
	 * Starts a Tomcat.
	 * @param port the port on 127.0.0.1, 0 for any free one
	 * @param setup adds servlets to the root context before start
	 * @return the started server
	 * @throws IOException when no base directory can be made
	 * @throws LifecycleException when Tomcat does not start
	 */
	public static EmbeddedTomcat start(int port, Consumer<Context> setup) throws IOException, LifecycleException {
		var tomcat = new Tomcat();
		tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
		var connector = new Connector();
		connector.setPort(port);
		connector.setProperty("address", "127.0.0.1");
		tomcat.setConnector(connector);
		Context context = tomcat.addContext("", null);
		context.addServletContainerInitializer(new WsSci(), null);
		// a request reaches the WebSocket upgrade filter only when some servlet is mapped
		Tomcat.addServlet(context, "none", new NotFound());
		context.addServletMappingDecoded("/", "none");
		setup.accept(context);
		tomcat.start();
		return new EmbeddedTomcat(tomcat, context);
	}

	/**
	 * Serves one WebSocket endpoint instance for every connection to a path.
	 * @param path the path, may contain {@code {name}} templates
	 * @param endpoint supplies the endpoint for each new connection
	 * @throws Exception when the container refuses the endpoint
	 */
	public void addEndpoint(String path, java.util.function.Supplier<? extends Endpoint> endpoint) throws Exception {
		var container = (ServerContainer) this.context.getServletContext()
			.getAttribute(ServerContainer.class.getName());
		container.addEndpoint(ServerEndpointConfig.Builder.create(Endpoint.class, path)
			.configurator(new ServerEndpointConfig.Configurator() {
				@Override
				@SuppressWarnings("unchecked")
				public <T> T getEndpointInstance(Class<T> type) {
					return (T) endpoint.get();
				}
			})
			.build());
	}

	/** Answers 404 to whatever no other servlet serves. */
	private static final class NotFound extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		}

	}

	/** The port it listens on. */
	public int port() {
		return this.tomcat.getConnector().getLocalPort();
	}

	/** Stops and destroys the server. */
	public void stop() {
		try {
			this.tomcat.stop();
			this.tomcat.destroy();
		}
		catch (LifecycleException ex) {
			// stopping is best effort: the process or the run ends anyway
		}
	}

}
