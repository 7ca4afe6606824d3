# One Dockerfile for both services; pick one with the MODULE build argument:
#   docker build --build-arg MODULE=tracker-service -t p2p-chat/tracker-service:local .
#   docker build --build-arg MODULE=peer-service    -t p2p-chat/peer-service:local .
# The default (last) stage compiles the module with the Maven wrapper. The `runtime-prebuilt` target
# instead takes the jar that `./mvnw package` already left in <module>/target (the e2e tests use it,
# so CI does not compile twice). .dockerignore keeps jars out of the repository context, so give it
# a context of its own:
#   tar -c Dockerfile pom.xml peer-service/target/peer-service-*.jar \
#     | docker build --target runtime-prebuilt --build-arg MODULE=peer-service -t p2p-chat/peer-service:local -
#
# Only two base images are needed, eclipse-temurin:25-jdk and :25-jre. The JRE image alone is
# ~290 MB, so the runtime is assembled FROM scratch: that image's Debian root filesystem without its
# JRE (and without docs/locales), a jlinked Java runtime holding only the modules the services need,
# the Spring Boot jar extracted in layers, and a JDK 25 AOT cache from a training run (start-up about
# twice as fast). See docs/deployment.md.
#
# Written for the classic builder too (docker-compose 1.29 and Testcontainers use it), which builds
# every stage before the target: the stages that only the source build needs come last.

ARG MODULE=peer-service

# --- a Java runtime with only the modules the services use (jdeps on both Boot jars, plus a margin;
# jdk.net because Lettuce, the tracker's Redis client, loads jdk.net.ExtendedSocketOptions)
FROM eclipse-temurin:25-jdk AS jre
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.sql,java.xml,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
      --output /jre \
 && rm /jre/lib/server/classes_nocoops.jsa \
 && /jre/bin/java -version

# --- the base image's root filesystem without its JRE, plus the user the services run as
FROM eclipse-temurin:25-jre AS rootfs
RUN rm -rf /opt/java/openjdk /usr/share/doc /usr/share/man /usr/share/info /usr/share/locale \
      /usr/share/bash-completion /var/cache/* /var/log/* /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /app /data && chown app:app /app /data && chmod 700 /data

# --- everything but the application: runtime, user, health check, JVM flags
FROM scratch AS runtime-base
COPY --from=rootfs / /
COPY --from=jre /jre /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 \
    HEALTHCHECK_PATH=/actuator/health/readiness \
    P2PCHAT_PEER_DATA_DIR=/data
# the peer's data directory (identity, token, history, outboxes): mount a volume here. Owned by the
# service's user in the image, so that a new named volume starts out owned by it too.
VOLUME /data
WORKDIR /app
USER 10001:10001
# the port is SERVER_PORT when set, else the service's own server.port (8080 tracker, 8081 peer)
HEALTHCHECK --interval=5s --timeout=3s --start-period=90s --retries=3 \
  CMD port="${SERVER_PORT:-$(cat /app/server-port)}"; \
      curl -fsS -o /dev/null "http://127.0.0.1:${port:-8080}${HEALTHCHECK_PATH}" || exit 1
# the heap follows the container's memory limit; add flags with JAVA_TOOL_OPTIONS. The serial
# collector is what the JVM picks by itself under a limit below 1,792 MB; named, it stays so with a
# larger limit too (G1 costs ~20 MB more of an idle peer's RSS; docs/benchmarks.md)
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "app.jar"]

# --- the jar that `./mvnw package` built, split into Spring Boot's layers (app.jar + lib/).
# pom.xml is listed first only so that the COPY also succeeds when no jar exists yet (a fresh clone
# built with the classic builder, which runs this stage even when it is not the target).
FROM eclipse-temurin:25-jdk AS prebuilt-layers
ARG MODULE
WORKDIR /work
COPY pom.xml ${MODULE}/target/${MODULE}-*.jar ./
RUN mkdir -p layers/dependencies layers/spring-boot-loader layers/snapshot-dependencies layers/application \
 && for jar in ./*.jar; do [ -f "$jar" ] || continue; \
      java -Djarmode=tools -jar "$jar" extract --layers --application-filename app.jar --destination layers --force \
      && jar xf "$jar" BOOT-INF/classes/application.properties \
      && sed -n 's/^server\.port=//p' BOOT-INF/classes/application.properties > layers/application/server-port \
      || exit 1; done

FROM runtime-base AS runtime-prebuilt
ARG MODULE
LABEL org.opencontainers.image.title="${MODULE}" org.opencontainers.image.source="p2p-chat"
COPY --from=prebuilt-layers /work/layers/dependencies/ ./
COPY --from=prebuilt-layers /work/layers/spring-boot-loader/ ./
COPY --from=prebuilt-layers /work/layers/snapshot-dependencies/ ./
COPY --from=prebuilt-layers /work/layers/application/ ./
# training run: start the context, exit before it starts serving, keep what the JVM learned
RUN if [ -f app.jar ]; then java -XX:AOTCacheOutput=app.aot -XX:+UseSerialGC -Dspring.context.exit=onRefresh \
      -Dp2pchat.peer.username=aot-training -Dp2pchat.peer.data-dir=/tmp/aot-training -jar app.jar \
      >/tmp/training.log 2>&1 || { cat /tmp/training.log; exit 1; }; rm -rf /tmp/aot-training; fi

# --- build from source with the Maven wrapper; dependencies resolved in a layer of their own
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY link-protocol/pom.xml link-protocol/
COPY link-protocol/src/main/ link-protocol/src/main/
COPY web-limits/pom.xml web-limits/
COPY web-limits/src/main/ web-limits/src/main/
COPY tracker-service/pom.xml tracker-service/
COPY peer-service/pom.xml peer-service/
# same layer for both modules (MODULE is declared below), so the second image reuses it; both services
# use link-protocol and web-limits, installed (with the parent pom) into this build stage's own local repository
RUN ./mvnw -B -ntp -N install -Dspring-javaformat.skip=true \
 && ./mvnw -B -ntp -f link-protocol/pom.xml install -DskipTests -Dspring-javaformat.skip=true \
 && ./mvnw -B -ntp -f web-limits/pom.xml install -DskipTests -Dspring-javaformat.skip=true \
 && for m in tracker-service peer-service; do \
      ./mvnw -B -ntp -f "$m/pom.xml" dependency:go-offline -Dspring-javaformat.skip=true || exit 1; done
ARG MODULE
COPY ${MODULE}/src/ ${MODULE}/src/
RUN ./mvnw -B -ntp -f "${MODULE}/pom.xml" package -DskipTests -Dspring-javaformat.skip=true \
 && mkdir -p /work/layers/dependencies /work/layers/spring-boot-loader /work/layers/snapshot-dependencies /work/layers/application \
 && java -Djarmode=tools -jar ${MODULE}/target/${MODULE}-*.jar extract --layers --application-filename app.jar --destination /work/layers --force \
 && sed -n 's/^server\.port=//p' ${MODULE}/src/main/resources/application.properties > /work/layers/application/server-port

FROM runtime-base AS runtime
ARG MODULE
LABEL org.opencontainers.image.title="${MODULE}" org.opencontainers.image.source="p2p-chat"
COPY --from=build /work/layers/dependencies/ ./
COPY --from=build /work/layers/spring-boot-loader/ ./
COPY --from=build /work/layers/snapshot-dependencies/ ./
COPY --from=build /work/layers/application/ ./
RUN java -XX:AOTCacheOutput=app.aot -XX:+UseSerialGC -Dspring.context.exit=onRefresh -Dp2pchat.peer.username=aot-training \
      -Dp2pchat.peer.data-dir=/tmp/aot-training -jar app.jar >/tmp/training.log 2>&1 \
      || { cat /tmp/training.log; exit 1; }; rm -rf /tmp/aot-training
