package eu.wua.platform;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Every {@code jakarta.json.Json.createXxx} call looks the
 * provider up again through the ServiceLoader, which in Payara scans the class loaders' resources:
 * a third of the credential endpoint's CPU time in a profile (docs/benchmarks.md). The provider
 * is stateless and safe to share between threads.
 */
public final class JsonFactory {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonFactory() {
    }
}
