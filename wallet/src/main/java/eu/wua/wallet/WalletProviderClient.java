package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Wallet Provider API of {@code platform-api.md}, as a wallet calls it: the one class here that
 * knows its paths and JSON members.
 */
public class WalletProviderClient {

    private final URI baseUrl;
    private final String identifier;

    /**
     * @param baseUrl    where the platform answers, e.g. {@code http://localhost:8080}
     * @param identifier the Wallet Provider's identifier, the {@code aud} of instance proofs: its public
     *                   base URL + {@code /wallet-provider} (differs from {@code baseUrl} behind a proxy)
     */
    public WalletProviderClient(URI baseUrl, String identifier) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.identifier = identifier;
    }

    public WalletProviderClient(URI baseUrl) {
        this(baseUrl, baseUrl.toString().replaceAll("/+$", "") + "/wallet-provider");
    }

    public String identifier() { return identifier; }

    public URI baseUrl() { return baseUrl; }

    public String nonce() throws IOException, PlatformRefusal {
        return (String) JsonHttp.post(resolve("nonce"), null).get("nonce");
    }

    public String register(Map<String, Object> instanceKey, Map<String, Object> integrity, String pin) throws IOException, PlatformRefusal {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance_key", instanceKey);
        body.put("integrity", integrity);
        body.put("pin", pin);
        return (String) JsonHttp.post(resolve("instances"), body).get("instance_id");
    }

    public String walletInstanceAttestation(String instanceId, String proof) throws IOException, PlatformRefusal {
        return walletInstanceAttestation(instanceId, proof, null);
    }

    /** {@code audience}: the Credential Issuer the WIA is for, or null. */
    public String walletInstanceAttestation(String instanceId, String proof, String audience) throws IOException, PlatformRefusal {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proof", proof);
        if (audience != null) {
            body.put("audience", audience);
        }
        return (String) JsonHttp.post(resolve("instances/" + instanceId + "/wia"), body).get("wallet_instance_attestation");
    }

    @SuppressWarnings("unchecked")
    public AttestedKeys generateKeys(String instanceId, String proof, String pin, int count, String profile, String issuerNonce)
            throws IOException, PlatformRefusal {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proof", proof);
        body.put("pin", pin);
        body.put("count", count);
        body.put("profile", profile);
        if (issuerNonce != null) {
            body.put("nonce", issuerNonce);
        }
        Map<String, Object> answer = JsonHttp.post(resolve("instances/" + instanceId + "/keys"), body);
        List<RemoteKey> keys = new ArrayList<>();
        for (Map<String, Object> key : (List<Map<String, Object>>) answer.get("keys")) {
            keys.add(new RemoteKey((String) key.get("kid"), (Map<String, Object>) key.get("jwk")));
        }
        return new AttestedKeys(List.copyOf(keys), (String) answer.get("key_attestation"));
    }

    /** The raw 64-byte {@code r‖s} ES256 signature of {@code signingInput} by the WSCD key {@code kid}. */
    public byte[] sign(String instanceId, String kid, String proof, String pin, String signingInput) throws IOException, PlatformRefusal {
        Map<String, Object> answer = JsonHttp.post(resolve("instances/" + instanceId + "/keys/" + kid + "/sign"),
                Map.of("proof", proof, "pin", pin, "signing_input", signingInput));
        return Base64.getUrlDecoder().decode((String) answer.get("signature"));
    }

    private URI resolve(String path) {
        return baseUrl.resolve("wallet-provider/v1/" + path);
    }
}
