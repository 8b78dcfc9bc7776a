# syntax=docker/dockerfile:1

# Build stage: the whole reactor through the Maven wrapper, so the image is built with the
# same Maven version as a developer's machine and CI. The cache mount keeps ~/.m2 between
# builds, so only changed modules cost time.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests install

# Runtime stage: a JRE and the shaded jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
# A fixed uid/gid lets a named volume or a bind mount for the state directory be prepared
# with the right owner. The directory exists in the image so that a new named volume mounted
# there inherits its ownership.
RUN groupadd --system --gid 10001 salespulse \
    && useradd --system --uid 10001 --gid salespulse --no-create-home \
       --home-dir /var/lib/salespulse --shell /usr/sbin/nologin salespulse \
    && mkdir -p /var/lib/salespulse \
    && chown salespulse:salespulse /var/lib/salespulse
WORKDIR /app
COPY --from=build /src/app/target/salespulse.jar /app/salespulse.jar
ENV SALESPULSE_STATE_DIR=/var/lib/salespulse
USER salespulse:salespulse
EXPOSE 8080
ENTRYPOINT ["java","-jar","/app/salespulse.jar"]
CMD ["run"]
