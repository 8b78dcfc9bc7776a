package com.salespulse.app.cli;

import com.salespulse.kpi.config.SalesPulseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the cluster and registry are: a properties file, environment variables, and these flags,
 * each overriding the one before it.
 */
public final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file (keys salespulse.*).")
    private Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: salespulse.bootstrap.servers, localhost:9092).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (default: salespulse.schema.registry.url, http://localhost:8081).")
    private String schemaRegistryUrl;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "Prefix of every topic name.")
    private String topicPrefix;

    public SalesPulseConfig load() {
        SalesPulseConfig config = SalesPulseConfig.load(configFile, System.getenv());
        if (bootstrapServers != null) {
            config = config.with(SalesPulseConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            config = config.with(SalesPulseConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        }
        if (topicPrefix != null) {
            config = config.with(SalesPulseConfig.TOPIC_PREFIX, topicPrefix);
        }
        return config;
    }
}
