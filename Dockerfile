# syntax=docker/dockerfile:1
# LeaseLedger image: built on a JDK 25 with the Maven wrapper, run on a JRE 25 as a non-root user.
#
#   docker build -t leaseledger .
#   docker run --rm leaseledger --help
#
# One image for every role (single node, rack, region): the role and everything else come from the
# configuration file mounted at /etc/leaseledger/leaseledger.yaml. docs/deployment.md explains the
# capabilities a rack needs and why (port 67, neighbour entries).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
# The wrapper and the poms first: the dependency download is cached (BuildKit cache mount below).
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY events/ events/
COPY wire-adapter/ wire-adapter/
COPY projections/ projections/
COPY services/ services/
# The command bin/leaseledger builds with: services and the modules it needs, tests compiled (the
# wire-adapter test jar is a declared test dependency of services) but not run.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dfuzz.skip=true -pl services -am package \
 && mkdir -p /out \
 && cp services/target/leaseledger.jar /out/ \
 && cp -r services/target/lib /out/lib

FROM eclipse-temurin:25-jre
# java-dhcp: a copy (not a link: file capabilities belong to the inode) of the JRE's launcher with
# the three capabilities a DHCP node uses (port 67; neighbour entries; the ARP listener's packet socket). A binary with file capabilities runs in the kernel's
# secure mode, where the loader ignores java's $ORIGIN rpath; the JRE's lib directory goes into the
# loader cache instead so that libjli.so is found. deploy/docker/leaseledger uses java-dhcp only
# when the container was granted all three (compose: the racks).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcap2-bin \
 && cp "$JAVA_HOME/bin/java" "$JAVA_HOME/bin/java-dhcp" \
 && setcap cap_net_bind_service,cap_net_admin,cap_net_raw=ep "$JAVA_HOME/bin/java-dhcp" \
 && echo "$JAVA_HOME/lib" > /etc/ld.so.conf.d/leaseledger-jre.conf \
 && ldconfig \
 && apt-get purge -y libcap2-bin \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10067 leaseledger \
 && useradd --system --uid 10067 --gid leaseledger --home-dir /var/lib/leaseledger --shell /usr/sbin/nologin leaseledger \
 && mkdir -p /var/lib/leaseledger /var/lib/leaseledger-api /etc/leaseledger \
 && chown leaseledger:leaseledger /var/lib/leaseledger /var/lib/leaseledger-api

COPY --from=build /out/ /opt/leaseledger/
COPY deploy/docker/leaseledger /opt/leaseledger/bin/leaseledger
COPY bin/jvm-options /opt/leaseledger/bin/jvm-options

USER leaseledger
WORKDIR /var/lib/leaseledger
# The event store (H2) lives here unless the configuration says otherwise; compose keeps the API
# tokens the nodes share in /var/lib/leaseledger-api. A named volume mounted on either directory
# takes its owner, so the non-root user can write it.
VOLUME ["/var/lib/leaseledger"]
ENTRYPOINT ["/opt/leaseledger/bin/leaseledger"]
CMD ["serve", "--config", "/etc/leaseledger/leaseledger.yaml"]
