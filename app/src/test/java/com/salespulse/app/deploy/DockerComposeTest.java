package com.salespulse.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.salespulse.app.SalesPulse;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the structure of the repository's {@code docker-compose.yml} and the files it mounts,
 * so that a broken stack shows up in the build rather than on a user's first
 * {@code docker compose up}. No Docker engine is needed: the files are parsed, not run.
 */
class DockerComposeTest {

    private static final String COMPOSE_FILE = "docker-compose.yml";
    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path repoRoot;
    private static JsonNode services;
    private static JsonNode declaredVolumes;

    @BeforeAll
    static void loadComposeFile() throws IOException {
        final Path composeFile = findComposeFile(Path.of("").toAbsolutePath());
        repoRoot = composeFile.getParent();
        final JsonNode compose = YAML.readTree(composeFile.toFile());
        services = compose.path("services");
        declaredVolumes = compose.path("volumes");
    }

    @Test
    void shouldDefineTheSixServicesWhenComposeFileIsParsed() {
        assertThat(serviceNames())
                .contains("kafka", "schema-registry", "salespulse", "generator", "prometheus", "grafana");
    }

    @Test
    void shouldNameOnlyDefinedServicesWhenServicesDependOnOthers() {
        final List<String> dependencies = serviceNames().stream()
                .flatMap(service -> dependsOn(service).keySet().stream())
                .collect(Collectors.toList());

        assertThat(dependencies).as("depends_on entries of all services").isNotEmpty();
        assertThat(serviceNames()).containsAll(dependencies);
    }

    @Test
    void shouldDefineHealthcheckWhenDependentWaitsForServiceHealthy() {
        final List<String> awaitedHealthy = serviceNames().stream()
                .flatMap(service -> dependsOn(service).entrySet().stream())
                .filter(dependency -> "service_healthy".equals(dependency.getValue()))
                .map(Map.Entry::getKey)
                .distinct()
                .collect(Collectors.toList());

        assertThat(awaitedHealthy).contains("kafka", "schema-registry");
        for (final String service : awaitedHealthy) {
            assertThat(service(service).path("healthcheck").path("test").isMissingNode())
                    .as("%s is awaited as service_healthy, so it needs a healthcheck test", service)
                    .isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"salespulse", "generator"})
    void shouldWaitForHealthyBrokerAndRegistryWhenAppServiceStarts(final String service) {
        assertThat(dependsOn(service))
                .containsEntry("kafka", "service_healthy")
                .containsEntry("schema-registry", "service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"salespulse", "generator"})
    void shouldBeAValidSalesPulseCommandLineWhenAnAppServiceRunsTheJar(final String service) {
        // The image's ENTRYPOINT is the salespulse jar: the service's command must parse as its arguments
        final List<String> command = stream(service(service).path("command")).map(JsonNode::asText).toList();

        assertThat(command).isNotEmpty();
        assertThatCode(() -> SalesPulse.commandLine().parseArgs(command.toArray(String[]::new)))
                .as("%s's command %s", service, command)
                .doesNotThrowAnyException();
    }

    @Test
    void shouldFindMountSourceInRepoWhenBindMountPathIsRelative() {
        final List<Mount> relativeBinds = allMounts().stream()
                .filter(Mount::isRelativeBind)
                .collect(Collectors.toList());

        assertThat(relativeBinds).as("relative bind mounts").isNotEmpty();
        for (final Mount mount : relativeBinds) {
            assertThat(repoRoot.resolve(mount.source()).normalize())
                    .as("source of %s's mount %s", mount.service(), mount.target())
                    .exists();
        }
    }

    @Test
    void shouldDeclareNamedVolumeWhenServiceMountsIt() {
        final List<Mount> namedVolumes = allMounts().stream()
                .filter(Mount::isNamedVolume)
                .collect(Collectors.toList());

        assertThat(namedVolumes).as("named volume mounts").isNotEmpty();
        for (final Mount mount : namedVolumes) {
            assertThat(declaredVolumes.has(mount.source()))
                    .as("volume %s mounted by %s is declared under top-level volumes", mount.source(), mount.service())
                    .isTrue();
        }
    }

    @Test
    void shouldKeepStateAndBrokerDataInNamedVolumesWhenContainersAreRecreated() {
        final String stateDir = environment("salespulse").get("SALESPULSE_STATE_DIR");
        final String logDir = environment("kafka").get("KAFKA_LOG_DIRS");

        assertThat(stateDir).as("SALESPULSE_STATE_DIR").isNotBlank();
        assertThat(logDir).as("KAFKA_LOG_DIRS").isNotBlank();
        assertThat(namedVolumeAt("salespulse", stateDir)).as("named volume at %s", stateDir).isPresent();
        assertThat(namedVolumeAt("kafka", logDir)).as("named volume at %s", logDir).isPresent();
    }

    @Test
    void shouldBuildAppFromRepoDockerfileWhenSalesPulseServiceIsBuilt() throws IOException {
        final Path dockerfile = dockerfileOf("salespulse");

        assertThat(dockerfile).exists();
        final List<String> instructions = dockerInstructions(dockerfile);
        assertThat(instructions).anyMatch(line -> line.startsWith("FROM "));
        assertThat(instructions)
                .filteredOn(line -> line.startsWith("ENTRYPOINT "))
                .singleElement()
                .asString()
                .contains("salespulse.jar");
    }

    @Test
    void shouldRunTheAppImageWhenGeneratorStarts() {
        final String appImage = service("salespulse").path("image").asText();

        assertThat(appImage).as("image name of the salespulse service").isNotBlank();
        assertThat(service("generator").path("image").asText()).isEqualTo(appImage);
        assertThat(dockerfileOf("generator")).isEqualTo(dockerfileOf("salespulse"));
    }

    @Test
    void shouldPublishExposedHttpPortWhenAppServiceRuns() throws IOException {
        final List<String> exposed = dockerInstructions(dockerfileOf("salespulse")).stream()
                .filter(line -> line.startsWith("EXPOSE "))
                .flatMap(line -> Arrays.stream(line.substring("EXPOSE ".length()).trim().split("\\s+")))
                .map(port -> port.replace("/tcp", ""))
                .collect(Collectors.toList());

        // 8080 is the default of salespulse.http.port; compose does not override it.
        assertThat(environment("salespulse")).doesNotContainKey("SALESPULSE_HTTP_PORT");
        assertThat(exposed).containsExactly("8080");
        assertThat(publishedPorts("salespulse")).extracting(PortMapping::containerPort).contains(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salespulse", "generator"})
    void shouldUseInternalKafkaListenerWhenAppServiceConnects(final String service) {
        final List<String> internalListeners = internalKafkaAddresses();
        final String bootstrap = environment(service).get("SALESPULSE_BOOTSTRAP_SERVERS");

        assertThat(internalListeners).as("listeners kafka advertises under its service name").isNotEmpty();
        assertThat(bootstrap).as("SALESPULSE_BOOTSTRAP_SERVERS of %s", service).isNotBlank();
        assertThat(internalListeners).containsAll(Arrays.asList(bootstrap.split(",")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"salespulse", "generator"})
    void shouldUseRegistryServicePortWhenAppServiceConnects(final String service) {
        final String url = environment(service).get("SALESPULSE_SCHEMA_REGISTRY_URL");

        assertThat(url).as("SALESPULSE_SCHEMA_REGISTRY_URL of %s", service).isNotBlank();
        final URI registry = URI.create(url);
        assertThat(registry.getScheme()).isEqualTo("http");
        assertThat(registry.getHost()).isEqualTo("schema-registry");
        assertThat(registry.getPort()).isEqualTo(registryListenerPort());
    }

    @Test
    void shouldStoreSchemasOnInternalListenerWhenRegistryStarts() {
        final String bootstrap = environment("schema-registry").get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");

        assertThat(bootstrap).isNotBlank();
        assertThat(internalKafkaAddresses()).contains(bootstrap.replaceFirst("^[A-Z_]+://", ""));
    }

    @Test
    void shouldListenOnAdvertisedPortsWhenBrokerAdvertisesListeners() {
        final Map<String, HostPort> listeners = listenerMap(environment("kafka").get("KAFKA_LISTENERS"));
        final Map<String, HostPort> advertised = listenerMap(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"));

        assertThat(advertised).isNotEmpty();
        assertThat(listeners).containsKeys(advertised.keySet().toArray(String[]::new));
        advertised.forEach((name, address) -> assertThat(listeners.get(name).port())
                .as("port of listener %s", name)
                .isEqualTo(address.port()));
    }

    @Test
    void shouldPublishHostListenerPortWhenBrokerAdvertisesLocalhost() {
        final List<HostPort> hostListeners = listenerMap(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                .values().stream()
                .filter(address -> "localhost".equals(address.host()))
                .collect(Collectors.toList());

        // A host client is told to reconnect to localhost:P, so P must be published as P.
        assertThat(hostListeners).as("listeners advertised to the host").isNotEmpty();
        for (final HostPort address : hostListeners) {
            assertThat(publishedPorts("kafka"))
                    .contains(new PortMapping("kafka", address.port(), address.port()));
        }
    }

    @Test
    void shouldScrapeSalesPulseMetricsWhenPrometheusConfigIsMounted() throws IOException {
        final JsonNode config = YAML.readTree(mountSource("prometheus", "/etc/prometheus/prometheus.yml").toFile());
        final String target = "salespulse:8080";

        final List<JsonNode> jobs = stream(config.path("scrape_configs"))
                .filter(job -> stream(job.path("static_configs"))
                        .flatMap(staticConfig -> stream(staticConfig.path("targets")))
                        .anyMatch(node -> target.equals(node.asText())))
                .collect(Collectors.toList());

        assertThat(serviceNames()).contains("salespulse");
        assertThat(publishedPorts("salespulse")).extracting(PortMapping::containerPort).contains(8080);
        assertThat(jobs).as("scrape jobs targeting %s", target).hasSize(1);
        final JsonNode job = jobs.get(0);
        assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        assertThat(job.path("scrape_interval").asText()).isEqualTo("5s");
    }

    @Test
    void shouldUsePrometheusServiceUrlWhenGrafanaProvisionsDatasource() throws IOException {
        final Path provisioning = mountSource("grafana", "/etc/grafana/provisioning");
        final List<Integer> prometheusPorts = publishedPorts("prometheus").stream()
                .map(PortMapping::containerPort)
                .collect(Collectors.toList());

        final List<String> urls = new ArrayList<>();
        for (final JsonNode file : yamlFiles(provisioning.resolve("datasources"))) {
            stream(file.path("datasources"))
                    .filter(datasource -> "prometheus".equals(datasource.path("type").asText()))
                    .map(datasource -> datasource.path("url").asText())
                    .forEach(urls::add);
        }

        assertThat(prometheusPorts).as("container ports of the prometheus service").isNotEmpty();
        assertThat(urls).as("Prometheus datasource URLs").hasSize(1);
        final URI url = URI.create(urls.get(0));
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(prometheusPorts).contains(url.getPort());
    }

    @Test
    void shouldMountDashboardFolderWhenGrafanaProvisionsDashboards() throws IOException {
        final Path provisioning = mountSource("grafana", "/etc/grafana/provisioning");
        final List<String> mountTargets = mounts("grafana").stream()
                .map(Mount::target)
                .collect(Collectors.toList());

        final List<String> providerPaths = new ArrayList<>();
        for (final JsonNode file : yamlFiles(provisioning.resolve("dashboards"))) {
            stream(file.path("providers"))
                    .map(provider -> provider.path("options").path("path").asText())
                    .forEach(providerPaths::add);
        }

        assertThat(providerPaths).as("dashboard provider paths").isNotEmpty();
        assertThat(mountTargets).containsAll(providerPaths);
    }

    @Test
    void shouldPublishEachHostPortOnceWhenServicesPublishPorts() {
        final List<Integer> hostPorts = serviceNames().stream()
                .flatMap(service -> publishedPorts(service).stream())
                .map(PortMapping::hostPort)
                .collect(Collectors.toList());

        assertThat(hostPorts).as("published host ports").isNotEmpty().doesNotHaveDuplicates();
    }

    private static Path findComposeFile(final Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve(COMPOSE_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail("no %s in %s or any parent directory", COMPOSE_FILE, start);
    }

    private static List<String> serviceNames() {
        return services.properties().stream()
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    private static JsonNode service(final String name) {
        final JsonNode service = services.path(name);
        if (service.isMissingNode()) {
            fail("%s defines no service %s", COMPOSE_FILE, name);
        }
        return service;
    }

    /** depends_on as service name to condition; the short list form means service_started. */
    private static Map<String, String> dependsOn(final String service) {
        final JsonNode dependsOn = service(service).path("depends_on");
        final Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn.isArray()) {
            dependsOn.forEach(name -> conditions.put(name.asText(), "service_started"));
        } else {
            dependsOn.properties().forEach(entry -> conditions.put(
                    entry.getKey(), entry.getValue().path("condition").asText("service_started")));
        }
        return conditions;
    }

    /** environment in either the map form or the list-of-KEY=VALUE form. */
    private static Map<String, String> environment(final String service) {
        final JsonNode environment = service(service).path("environment");
        final Map<String, String> variables = new LinkedHashMap<>();
        if (environment.isArray()) {
            environment.forEach(entry -> {
                final String[] keyValue = entry.asText().split("=", 2);
                variables.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
            });
        } else {
            environment.properties().forEach(entry -> variables.put(entry.getKey(), entry.getValue().asText()));
        }
        return variables;
    }

    private static List<Mount> mounts(final String service) {
        return stream(service(service).path("volumes"))
                .map(volume -> Mount.parse(service, volume))
                .collect(Collectors.toList());
    }

    private static List<Mount> allMounts() {
        return serviceNames().stream()
                .flatMap(service -> mounts(service).stream())
                .collect(Collectors.toList());
    }

    private static Optional<Mount> namedVolumeAt(final String service, final String target) {
        return mounts(service).stream()
                .filter(mount -> mount.isNamedVolume() && mount.target().equals(target))
                .findFirst();
    }

    private static Path mountSource(final String service, final String target) {
        return mounts(service).stream()
                .filter(mount -> mount.isRelativeBind() && mount.target().equals(target))
                .map(mount -> repoRoot.resolve(mount.source()).normalize())
                .findFirst()
                .orElseGet(() -> fail("%s mounts nothing from the repository at %s", service, target));
    }

    private static Path dockerfileOf(final String service) {
        final JsonNode build = service(service).path("build");
        if (build.isMissingNode()) {
            fail("%s is not built from the repository", service);
        }
        final String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
        final String dockerfile = build.isTextual() ? "Dockerfile" : build.path("dockerfile").asText("Dockerfile");
        final Path contextDir = repoRoot.resolve(context).normalize();
        assertThat(contextDir).as("build context of %s", service).isEqualTo(repoRoot);
        return contextDir.resolve(dockerfile).normalize();
    }

    /** Dockerfile instructions, one per line, keyword upper-cased; comments and parser directives dropped. */
    private static List<String> dockerInstructions(final Path dockerfile) throws IOException {
        return Files.readAllLines(dockerfile).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> {
                    final String[] keywordAndRest = line.split("\\s+", 2);
                    return keywordAndRest[0].toUpperCase(Locale.ROOT)
                            + (keywordAndRest.length > 1 ? " " + keywordAndRest[1] : "");
                })
                .collect(Collectors.toList());
    }

    /** host:port of every listener kafka advertises under its own service name. */
    private static List<String> internalKafkaAddresses() {
        return listenerMap(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).values().stream()
                .filter(address -> "kafka".equals(address.host()))
                .map(address -> address.host() + ":" + address.port())
                .collect(Collectors.toList());
    }

    /** NAME://host:port,... as listener name to address; an empty host binds every interface. */
    private static Map<String, HostPort> listenerMap(final String listeners) {
        assertThat(listeners).as("listener list").isNotBlank();
        final Map<String, HostPort> byName = new LinkedHashMap<>();
        for (final String listener : listeners.split(",")) {
            final String[] nameAndAddress = listener.trim().split("://", 2);
            assertThat(nameAndAddress).as("listener %s", listener).hasSize(2);
            final String address = nameAndAddress[1];
            final int colon = address.lastIndexOf(':');
            byName.put(nameAndAddress[0],
                    new HostPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))));
        }
        return byName;
    }

    private static int registryListenerPort() {
        final String listeners = environment("schema-registry").get("SCHEMA_REGISTRY_LISTENERS");
        assertThat(listeners).as("SCHEMA_REGISTRY_LISTENERS").isNotBlank();
        return URI.create(listeners.split(",")[0].trim()).getPort();
    }

    /** Published ports, short form ([ip:]host:container[/proto]) or long form (published, target). */
    private static List<PortMapping> publishedPorts(final String service) {
        final List<PortMapping> mappings = new ArrayList<>();
        for (final JsonNode port : service(service).path("ports")) {
            if (port.isObject()) {
                if (port.has("published")) {
                    mappings.add(new PortMapping(service,
                            port.path("published").asInt(), port.path("target").asInt()));
                }
                continue;
            }
            final String[] parts = port.asText().replaceFirst("/(tcp|udp)$", "").split(":");
            if (parts.length >= 2) {
                mappings.add(new PortMapping(service,
                        Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1])));
            }
        }
        return mappings;
    }

    private static List<JsonNode> yamlFiles(final Path dir) throws IOException {
        assertThat(dir).isDirectory();
        final List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (final Path file : paths.sorted().collect(Collectors.toList())) {
                final String name = file.getFileName().toString();
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    files.add(YAML.readTree(file.toFile()));
                }
            }
        }
        return files;
    }

    private static Stream<JsonNode> stream(final JsonNode array) {
        final List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements.stream();
    }

    private record HostPort(String host, int port) {
    }

    private record PortMapping(String service, int hostPort, int containerPort) {
    }

    /** One entry of a service's volumes, in short (source:target[:mode]) or long form. */
    private record Mount(String service, String source, String target) {

        static Mount parse(final String service, final JsonNode volume) {
            if (volume.isObject()) {
                return new Mount(service, volume.path("source").asText(""), volume.path("target").asText());
            }
            final String[] parts = volume.asText().split(":");
            return parts.length == 1
                    ? new Mount(service, "", parts[0])
                    : new Mount(service, parts[0], parts[1]);
        }

        boolean isRelativeBind() {
            return source.startsWith("./") || source.startsWith("../") || ".".equals(source);
        }

        boolean isNamedVolume() {
            return !source.isEmpty() && !isRelativeBind() && !source.startsWith("/") && !source.startsWith("~");
        }
    }
}
