package eu.wua.wallet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

/**
 * One wallet instance: a software instance key of its own (a real wallet keeps it in the phone's
 * secure hardware) and keys in the Wallet Provider's remote WSCD, used only through the API.
 */
public class ReferenceWallet {

    public static final String INSTANCE_PROOF_TYPE = "wallet-instance-proof+jwt";

    private final WalletProviderClient walletProvider;
    private final PublicJsonWebKey instanceKey;
    private final String instanceId;
    private IssuerClient.AccessToken lastAccessToken;

    private ReferenceWallet(WalletProviderClient walletProvider, PublicJsonWebKey instanceKey, String instanceId) {
        this.walletProvider = walletProvider;
        this.instanceKey = instanceKey;
        this.instanceId = instanceId;
    }

    /** Registers a new instance with development integrity evidence (accepted by the development profile only). */
    public static ReferenceWallet register(WalletProviderClient walletProvider, String pin) throws IOException, PlatformRefusal {
        return register(walletProvider, newInstanceKey(), Map.of("type", "development"), pin);
    }

    public static ReferenceWallet register(WalletProviderClient walletProvider, PublicJsonWebKey instanceKey, Map<String, Object> integrity,
            String pin) throws IOException, PlatformRefusal {
        String id = walletProvider.register(instanceKey.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY), integrity, pin);
        return new ReferenceWallet(walletProvider, instanceKey, id);
    }

    /** An instance registered earlier (the CLI keeps its key and id in a state file). */
    public static ReferenceWallet restore(WalletProviderClient walletProvider, PublicJsonWebKey instanceKey, String instanceId) {
        return new ReferenceWallet(walletProvider, instanceKey, instanceId);
    }

    public static PublicJsonWebKey newInstanceKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException("this JVM cannot generate EC P-256 keys", e);
        }
    }

    public String instanceId() { return instanceId; }

    public PublicJsonWebKey instanceKey() { return instanceKey; }

    public WalletProviderClient walletProvider() { return walletProvider; }

    public String walletInstanceAttestation() throws IOException, PlatformRefusal {
        return walletInstanceAttestation(null);
    }

    /**
     * A WIA for the Credential Issuer {@code audience} (TS3: a WIA goes to one issuer only): the Wallet Provider gives the
     * WIAs of one instance for one issuer one status entry. Null for a WIA whose issuer is not named.
     */
    public String walletInstanceAttestation(String audience) throws IOException, PlatformRefusal {
        return walletProvider.walletInstanceAttestation(instanceId, instanceProof(), audience);
    }

    /** {@code count} keys in the remote WSCD with one Key Attestation; {@code issuerNonce} (the issuer's c_nonce) may be null. */
    public AttestedKeys generateKeys(String pin, int count, String profile, String issuerNonce) throws IOException, PlatformRefusal {
        return walletProvider.generateKeys(instanceId, instanceProof(), pin, count, profile, issuerNonce);
    }

    /** A compact JWS over {@code header} and {@code payload}, signed (ES256) by the remote key. */
    public String signJws(String pin, RemoteKey key, Map<String, Object> header, Map<String, Object> payload) throws IOException, PlatformRefusal {
        Map<String, Object> protectedHeader = new java.util.LinkedHashMap<>(header);
        protectedHeader.put("alg", "ES256");
        String signingInput = base64url(JsonUtil.toJson(protectedHeader)) + "." + base64url(JsonUtil.toJson(payload));
        byte[] signature = walletProvider.sign(instanceId, key.kid(), instanceProof(), pin, signingInput);
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /**
     * An SD-JWT VC presentation (RFC 9901 §4.3) of a held credential: the issuer-signed JWT, the disclosures of the claims
     * {@code disclose} names (and those nested in them) and no more, then a KB-JWT for {@code audience} and {@code nonce}
     * (with {@code transaction_data_hashes} when there is transaction data), signed in the remote WSCD by the credential's key.
     */
    public String present(String pin, ReceivedCredential credential, RemoteKey key, java.util.Set<String> disclose, String nonce,
            String audience, java.util.List<String> transactionData) throws IOException, PlatformRefusal {
        String[] parts = credential.compact().split("~");
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String decoded = new String(Base64.getUrlDecoder().decode(parts[i]), StandardCharsets.UTF_8);
            try {
                java.util.List<?> disclosure = (java.util.List<?>) JsonUtil.parseJson("{\"d\":" + decoded + "}").get("d");
                if (disclosure.size() == 3 && disclose.contains(disclosure.get(1))) {
                    kept.add(parts[i]);
                }
            } catch (JoseException e) {
                throw new IOException("a disclosure of the held credential does not decode", e);
            }
        }
        // the disclosures nested in a kept one (an address's members) go with it
        for (int i = 0; i < kept.size(); i++) {
            String value = new String(Base64.getUrlDecoder().decode(kept.get(i)), StandardCharsets.UTF_8);
            for (int j = 1; j < parts.length; j++) {
                if (value.contains("\"" + ReceivedCredential.digest(parts[j]) + "\"") && !kept.contains(parts[j])) {
                    kept.add(parts[j]);
                }
            }
        }
        StringBuilder presented = new StringBuilder(parts[0]).append('~');
        kept.forEach(d -> presented.append(d).append('~'));
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("iat", NumericDate.now().getValue());
        claims.put("aud", audience);
        claims.put("nonce", nonce);
        claims.put("sd_hash", ReceivedCredential.digest(presented.toString()));
        if (!transactionData.isEmpty()) {
            claims.put("transaction_data_hashes", transactionData.stream().map(ReceivedCredential::digest).toList());
        }
        return presented + signJws(pin, key, Map.of("typ", "kb+jwt"), claims);
    }

    /** ABCA-07 §5.2: the PoP of the WIA, signed by the instance key, for the authorization server {@code audience}. */
    public String clientAttestationPop(String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.now());
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims, "oauth-client-attestation-pop+jwt");
    }

    /** A {@code jwt} proof (VCI App. F.1) signed by the first attested key in the WSCD, carrying the KA in its header. */
    public String jwtProof(String pin, AttestedKeys attested, String issuer, String cNonce) throws IOException, PlatformRefusal {
        Map<String, Object> header = new java.util.LinkedHashMap<>();
        header.put("typ", "openid4vci-proof+jwt");
        header.put("key_attestation", attested.keyAttestation());
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("aud", issuer);
        payload.put("iat", NumericDate.now().getValue());
        payload.put("nonce", cNonce);
        return signJws(pin, attested.keys().get(0), header, payload);
    }

    /** What one issuance gave: the keys in the WSCD and a verified credential per key, in the same order. */
    public record Issuance(AttestedKeys keys, java.util.List<ReceivedCredential> credentials) {
    }

    /**
     * The whole OpenID4VCI flow on a pre-authorized offer: WIA + PoP at the token endpoint, a c_nonce,
     * {@code keyCount} keys in the WSCD with a KA in {@code profile} over them (the c_nonce inside),
     * one proof of {@code proofType} ({@code jwt} or {@code attestation}), then every credential checked.
     */
    public Issuance obtainCredentials(CredentialOffer offer, String txCode, String pin, int keyCount, String profile, String proofType)
            throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        IssuerClient issuer = new IssuerClient(offer.credentialIssuer());
        String audience = (String) issuer.authorizationServerMetadata().get("issuer");
        String wia = walletInstanceAttestation(audience);
        IssuerClient.AccessToken accessToken = issuer.token(offer.preAuthorizedCode(), txCode, wia, clientAttestationPop(audience));
        return credentialsOn(issuer, accessToken, wia, audience, offer.configurationId(), pin, keyCount, profile, proofType);
    }

    /**
     * The HAIP flow (haip-issuance.md): PKCE, a PAR with WIA + PoP and a DPoP proof, the person signs in on the authorization
     * page as {@code username}, the code for a DPoP-bound token, then keys, proof and credentials as on a pre-authorized offer.
     * An offer with {@code issuer_state} or none (wallet-initiated).
     */
    public Issuance obtainCredentialsByAuthorization(CredentialOffer offer, String username, String password, String pin, int keyCount,
            String profile, String proofType) throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        return authorized(offer, (flow, endpoint, clientId, requestUri, issuer) -> flow.signIn(endpoint, clientId, requestUri, issuer,
                username, password), pin, keyCount, profile, proofType);
    }

    /** How the person gets the wallet a code on the authorization page: a sign-in, or a presentation. */
    @FunctionalInterface
    private interface PersonStep {
        String code(AuthorizationFlow flow, String authorizationEndpoint, String clientId, String requestUri, String issuer)
                throws IOException, PlatformRefusal;
    }

    private Issuance authorized(CredentialOffer offer, PersonStep person, String pin, int keyCount, String profile, String proofType)
            throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        IssuerClient issuer = new IssuerClient(offer.credentialIssuer());
        Map<String, Object> server = issuer.authorizationServerMetadata();
        String audience = (String) server.get("issuer");
        String wia = walletInstanceAttestation(audience);
        String clientId = clientId(wia);
        AuthorizationFlow flow = new AuthorizationFlow(DpopKey.generate());
        String requestUri = issuer.pushAuthorization(flow.pushedParameters(clientId, offer.configurationId(), offer.issuerState()), wia,
                clientAttestationPop(audience), flow.dpopKey());
        String code = person.code(flow, (String) server.get("authorization_endpoint"), clientId, requestUri, audience);
        IssuerClient.AccessToken accessToken = issuer.token(code, flow, wia, clientAttestationPop(audience));
        lastAccessToken = accessToken;
        return credentialsOn(issuer, accessToken, wia, audience, offer.configurationId(), pin, keyCount, profile, proofType);
    }

    /**
     * Re-issuance by presentation (ARF): the same flow, but on the authorization page the person presents {@code held} (its key
     * {@code heldKey}, in the remote WSCD) to the platform's OpenID4VP request instead of signing in, disclosing what its DCQL
     * query asks for and no more; the new batch is the presented PID's subject's.
     */
    public Issuance obtainCredentialsByPresentation(CredentialOffer offer, ReceivedCredential held, RemoteKey heldKey, String pin,
            int keyCount, String profile, String proofType) throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        return obtainCredentialsByPresentation(offer, link -> {
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(link);
            return OpenId4VpClient.respond(request, present(pin, held, heldKey, request.claims(), request.nonce(), request.clientId(),
                    java.util.List.of()));
        }, pin, keyCount, profile, proofType);
    }

    /** The same, with the page's OpenID4VP link answered by {@code presenter} (another wallet, or a test's own answer). */
    public Issuance obtainCredentialsByPresentation(CredentialOffer offer, AuthorizationFlow.Presenter presenter, String pin, int keyCount,
            String profile, String proofType) throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        return authorized(offer, (flow, endpoint, clientId, requestUri, issuer) -> flow.presentIn(endpoint, clientId, requestUri, issuer,
                presenter), pin, keyCount, profile, proofType);
    }

    /** With the refresh token of the last authorization: a new access token, new keys with a new KA, a new batch. */
    public Issuance refreshCredentials(String credentialIssuer, String configurationId, String pin, int keyCount, String profile,
            String proofType) throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        if (lastAccessToken == null || lastAccessToken.refreshToken() == null) {
            throw new IllegalStateException("no refresh token: obtain credentials through the authorization code flow first");
        }
        IssuerClient issuer = new IssuerClient(credentialIssuer);
        String audience = (String) issuer.authorizationServerMetadata().get("issuer");
        String wia = walletInstanceAttestation(audience);
        lastAccessToken = issuer.refresh(lastAccessToken, wia, clientAttestationPop(audience));
        return credentialsOn(issuer, lastAccessToken, wia, audience, configurationId, pin, keyCount, profile, proofType);
    }

    /** The last access token of the authorization code flow, with its refresh token; null before. */
    public IssuerClient.AccessToken lastAccessToken() {
        return lastAccessToken;
    }

    /** ABCA-07 §4: the client_id is the WIA's sub. */
    static String clientId(String wia) throws IOException {
        String[] parts = wia.split("\\.");
        try {
            Map<String, Object> claims = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return (String) claims.get("sub");
        } catch (JoseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("the WIA does not decode: " + e.getMessage(), e);
        }
    }

    private Issuance credentialsOn(IssuerClient issuer, IssuerClient.AccessToken accessToken, String wia, String audience, String configurationId,
            String pin, int keyCount, String profile, String proofType) throws IOException, PlatformRefusal, ReceivedCredential.InvalidCredential {
        String cNonce = issuer.nonce();
        AttestedKeys attested = generateKeys(pin, keyCount, profile, cNonce);
        Map<String, Object> proofs = "attestation".equals(proofType)
                ? Map.of("attestation", java.util.List.of(attested.keyAttestation()))
                : Map.of("jwt", java.util.List.of(jwtProof(pin, attested, issuer.identifier(), cNonce)));
        java.util.List<String> issued = issuer.credential(accessToken, wia, clientAttestationPop(audience), configurationId, proofs);
        java.util.List<ReceivedCredential> credentials = new java.util.ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
            credentials.add(ReceivedCredential.verify(issued.get(i), attested.keys().get(i)));
        }
        return new Issuance(attested, credentials);
    }

    /** A fresh instance proof: a new platform nonce and jti, {@code iat} now. */
    public String instanceProof() throws IOException, PlatformRefusal {
        JwtClaims claims = new JwtClaims();
        claims.setAudience(walletProvider.identifier());
        claims.setIssuedAt(NumericDate.now());
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("nonce", walletProvider.nonce());
        return sign(claims, INSTANCE_PROOF_TYPE);
    }

    private String sign(JwtClaims claims, String type) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader(HeaderParameterNames.TYPE, type);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(instanceKey.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a " + type + " with the instance key", e);
        }
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
