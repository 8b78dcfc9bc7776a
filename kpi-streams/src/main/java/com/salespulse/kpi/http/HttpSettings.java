package com.salespulse.kpi.http;

import com.salespulse.kpi.config.SalesPulseConfig;

/**
 * Where the HTTP server listens and who may call it.
 *
 * @param bind       the address to bind
 * @param port       the port; 0 for any free one
 * @param advertised host:port peers use to reach this instance; empty for localhost and the bound port
 * @param token      the bearer token /api and /internal require; empty for none
 */
public record HttpSettings(String bind, int port, String advertised, String token) {

    public static HttpSettings from(final SalesPulseConfig config) {
        return new HttpSettings(config.get(SalesPulseConfig.HTTP_BIND), config.httpPort(),
                config.get(SalesPulseConfig.HTTP_ADVERTISED), config.get(SalesPulseConfig.HTTP_TOKEN));
    }

    public boolean requiresToken() {
        return !token.isEmpty();
    }
}
