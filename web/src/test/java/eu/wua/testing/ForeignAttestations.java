package eu.wua.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;

import eu.wua.issuer.TestWalletProvider;
import eu.wua.wallet.BackOfficeClient;
import eu.wua.wallet.CredentialOffer;
import eu.wua.wallet.ReceivedCredential;
import eu.wua.wallet.RemoteKey;

/**
 * Issuance on attestations of a Wallet Provider run by the test ({@link TestWalletProvider}), over HTTP to one
 * platform: the token endpoint on its WIA, and a whole batch of two on its WIA and KA, with the status references
 * the test wants in them. How the issuer treats another provider's attestations (trusted, refused, revoked).
 */
public final class ForeignAttestations {

    /** An offer from the platform's back office, for each token asked. */
    @FunctionalInterface
    public interface Offers {
        BackOfficeClient.Offer next() throws Exception;
    }

    /** The token endpoint's answer to the provider's WIA for a new instance key, and what the credential request needs of it. */
    public record Token(HttpResponse<String> response, String wia, KeyPair instance) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String PID = "eu.europa.ec.eudi.pid_vc_sd_jwt";

    private final String platform;
    private final Offers offers;

    public ForeignAttestations(String platform, Offers offers) {
        this.platform = platform;
        this.offers = offers;
    }

    public Token token(TestWalletProvider provider, Object wiaStatus) throws Exception {
        KeyPair instance = TestWalletProvider.key();
        long now = Instant.now().getEpochSecond();
        Map<String, Object> wia = new LinkedHashMap<>();
        wia.put("sub", "https://wp.example/solutions/test");
        wia.put("iat", now);
        wia.put("exp", now + 3 * 3600);
        wia.put("cnf", Map.of("jwk", jwk(instance)));
        if (wiaStatus != null) {
            wia.put("client_status", Map.of("status", wiaStatus, "exp", now + 40L * 86400));
        }
        BackOfficeClient.Offer offer = offers.next();
        String signedWia = provider.sign("oauth-client-attestation+jwt", wia);
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(platform + "/issuer/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("OAuth-Client-Attestation", signedWia)
                .header("OAuth-Client-Attestation-PoP", pop(instance))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:pre-authorized_code",
                        StandardCharsets.UTF_8) + "&pre-authorized_code=" + CredentialOffer.parse(offer.link()).preAuthorizedCode()
                        + "&tx_code=" + offer.txCode())).build(), HttpResponse.BodyHandlers.ofString());
        return new Token(token, signedWia, instance);
    }

    /** A full issuance on the provider's own WIA and KA (two keys the test holds), with the given status references. */
    public List<ReceivedCredential> issue(TestWalletProvider provider, Object wiaStatus, Object kaStatus) throws Exception {
        KeyPair first = TestWalletProvider.key();
        KeyPair second = TestWalletProvider.key();
        long now = Instant.now().getEpochSecond();
        Token issuedToken = token(provider, wiaStatus);
        HttpResponse<String> token = issuedToken.response();
        require(token, "token");
        String cNonce = json(HTTP.send(HttpRequest.newBuilder(URI.create(platform + "/issuer/nonce")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body()).getString("c_nonce");
        Map<String, Object> ka = new LinkedHashMap<>();
        ka.put("iat", now);
        ka.put("exp", now + 31L * 86400);
        ka.put("attested_keys", List.of(jwk(first), jwk(second)));
        ka.put("key_storage", List.of("iso_18045_high"));
        ka.put("user_authentication", List.of("iso_18045_high"));
        ka.put("nonce", cNonce);
        if (kaStatus != null) {
            ka.put("status", kaStatus);
        }
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("aud", platform);
        proof.put("iat", now);
        proof.put("nonce", cNonce);
        String request = Json.createObjectBuilder().add("credential_configuration_id", PID).add("proofs", Json.createObjectBuilder()
                .add("jwt", Json.createArrayBuilder().add(sign(first, "openid4vci-proof+jwt", proof, provider.sign("key-attestation+jwt", ka)))))
                .build().toString();
        HttpResponse<String> issued = HTTP.send(HttpRequest.newBuilder(URI.create(platform + "/issuer/credential"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + json(token.body()).getString("access_token"))
                .header("OAuth-Client-Attestation", issuedToken.wia())
                .header("OAuth-Client-Attestation-PoP", pop(issuedToken.instance()))
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        require(issued, "credential");
        var array = json(issued.body()).getJsonArray("credentials");
        return List.of(ReceivedCredential.verify(array.getJsonObject(0).getString("credential"), new RemoteKey("first", jwk(first))),
                ReceivedCredential.verify(array.getJsonObject(1).getString("credential"), new RemoteKey("second", jwk(second))));
    }

    private static void require(HttpResponse<String> response, String endpoint) {
        if (response.statusCode() != 200) {
            throw new AssertionError("the " + endpoint + " endpoint answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A fresh client attestation PoP (its own jti) by the instance key. */
    private String pop(KeyPair instance) throws Exception {
        Map<String, Object> pop = new LinkedHashMap<>();
        pop.put("aud", platform);
        pop.put("iat", Instant.now().getEpochSecond());
        pop.put("jti", UUID.randomUUID().toString());
        return sign(instance, "oauth-client-attestation-pop+jwt", pop, null);
    }

    private static JsonObject json(String body) {
        return Json.createReader(new java.io.StringReader(body)).readObject();
    }

    public static Map<String, Object> jwk(KeyPair key) throws Exception {
        return PublicJsonWebKey.Factory.newPublicJwk(key.getPublic()).toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static String sign(KeyPair key, String typ, Map<String, Object> claims, String keyAttestation) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(JsonUtil.toJson(claims));
        jws.setHeader("typ", typ);
        if (keyAttestation != null) {
            jws.getHeaders().setObjectHeaderValue("key_attestation", keyAttestation);
        }
        jws.setAlgorithmHeaderValue("ES256");
        jws.setKey(key.getPrivate());
        return jws.getCompactSerialization();
    }
}
