package eu.wua.wallet;

import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/** A key the Wallet Provider generated for this instance in its WSCD: only the public half is here. */
public record RemoteKey(String kid, Map<String, Object> jwk) {

    public PublicJsonWebKey publicJwk() {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(jwk);
        } catch (JoseException e) {
            throw new IllegalStateException("the Wallet Provider returned a JWK that is not a public key: " + jwk, e);
        }
    }

    public String thumbprint() {
        return publicJwk().calculateBase64urlEncodedThumbprint("SHA-256");
    }

    /** The JWK with its public members only, as it goes into a credential's {@code cnf}. */
    public Map<String, Object> publicMembers() {
        return publicJwk().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
