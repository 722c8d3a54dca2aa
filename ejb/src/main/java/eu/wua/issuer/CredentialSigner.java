package eu.wua.issuer;

import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import eu.wua.platform.PlatformKeyPurpose;
import eu.wua.platform.PlatformKeys;
import eu.wua.wscd.WscdException;

/** Signs credentials with the issuer's credential-signing key in the WSCD; its x5c leaves the anchor out (HAIP §6.1.1). */
@ApplicationScoped
public class CredentialSigner {

    @Inject
    private PlatformKeys platformKeys;

    public List<X509Certificate> x5c() {
        List<X509Certificate> chain = platformKeys.certificateChain(PlatformKeyPurpose.CREDENTIAL_SIGNING);
        return chain.size() > 1 ? chain.subList(0, chain.size() - 1) : chain;
    }

    public String sign(JsonObject header, JsonObject payload) throws WscdException {
        return platformKeys.signCompactJws(PlatformKeyPurpose.CREDENTIAL_SIGNING, header, payload);
    }
}
