# syntax=docker/dockerfile:1

# Stage 1: build the fat jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The pom alone first, so that the dependency layer is cached until pom.xml changes. go-offline cannot resolve
# everything the build uses, so a failure here is tolerated: package downloads the rest.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
# The jar also bundles the contract and the default configuration.
COPY openapi.yaml .
COPY conf/ conf/
COPY src/ src/
RUN mvn -B -q -DskipTests package

# Stage 2: run the jar on a JRE, as a non-root user.
FROM eclipse-temurin:17-jre
# curl is used by the HEALTHCHECK; it is installed here rather than assumed to be in the base image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 docparser \
 && useradd --system --uid 10001 --gid docparser --no-create-home --shell /usr/sbin/nologin docparser
WORKDIR /app
COPY --from=build /build/target/doc-parser-service.jar /app/doc-parser-service.jar
# A node started without -cluster keeps its embedded database in ./data, which the non-root user must own.
RUN mkdir /app/data && chown docparser:docparser /app/data
# ./conf in the working directory is read in preference to the copy inside the jar; mount over /app/conf to replace it.
COPY conf/ /app/conf/

# A server bound to loopback inside a container cannot be reached through a published port, so the image binds
# 0.0.0.0, and a non-loopback bind refuses to start without API keys. Pass keys as salted hashes
# (docker run -e DOCPARSER_API_KEY_HASHES=sha256:... ; make one with: echo "$KEY" | java -jar
# doc-parser-service.jar hash-api-key) or in clear from a secret store (-e DOCPARSER_API_KEYS=...). Only to serve
# without authentication on purpose: -e DOCPARSER_ALLOW_OPEN_ACCESS=true.
ENV DOCPARSER_HTTP_HOST=0.0.0.0 \
    DOCPARSER_HTTP_PORT=8000

# 8000: HTTP. 5701: Hazelcast (one member per container, so its first port). 5710: the Vert.x event bus (-cluster-port).
EXPOSE 8000 5701 5710

USER docparser

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${DOCPARSER_HTTP_PORT}/health/ready" || exit 1

# Containers run clustered, with the event bus on a fixed port, so that containers given each other's names in
# DOCPARSER_CLUSTER_MEMBERS (e.g. -e DOCPARSER_CLUSTER_MEMBERS=dp1,dp2,dp3) form one service. A single container
# with no peers (the default member list is 127.0.0.1) runs as a one-member cluster.
# -XX:+ExitOnOutOfMemoryError: a node JVM that ran out of heap is not trusted to keep serving; the container stops
# instead. Documents are parsed in child JVMs with heaps of their own (DOCPARSER_PARSER_HEAP_MB), which this does
# not apply to: a document that exhausts its child fails alone as PARSER_OUT_OF_MEMORY.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/doc-parser-service.jar"]
CMD ["-cluster", "-cluster-port", "5710"]
