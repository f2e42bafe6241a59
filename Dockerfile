# One image for every streamrec role (serve, train, replay, broker); the command picks the role.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/cli/target/streamrec-cli.jar /app/streamrec-cli.jar
COPY --from=build /src/cli/target/lib /app/lib
# libtorch is unpacked here from the bundled jar on first training run; nothing is downloaded.
ENV DJL_CACHE_DIR=/var/cache/djl
# /keys is where the compose file's keygen job writes the model signing keys (a new volume takes this owner).
RUN useradd --system --create-home streamrec && mkdir -p /var/cache/djl /var/lib/streamrec /data /keys \
    && chown -R streamrec /var/cache/djl /var/lib/streamrec /data /keys
USER streamrec
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-jar", "/app/streamrec-cli.jar"]
CMD ["--help"]
