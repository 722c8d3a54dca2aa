package eu.wua.wallet;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A credential offer by value (VCI §4.1): the issuer, the configuration offered, and its grant: the
 * pre-authorized code (with whether a tx_code is needed), or the authorization code grant's
 * {@code issuer_state}; the other is null.
 */
public record CredentialOffer(String credentialIssuer, String configurationId, String preAuthorizedCode, boolean txCodeRequired,
        String issuerState) {

    /** Wallet-initiated issuance: no offer, the wallet asks the issuer for a configuration it chose. */
    public static CredentialOffer walletInitiated(String credentialIssuer, String configurationId) {
        return new CredentialOffer(credentialIssuer, configurationId, null, false, null);
    }

    public boolean preAuthorized() {
        return preAuthorizedCode != null;
    }

    /** {@code openid-credential-offer://?credential_offer=...} or the offer's JSON itself. */
    @SuppressWarnings("unchecked")
    public static CredentialOffer parse(String linkOrJson) {
        String json = linkOrJson.strip();
        if (!json.startsWith("{")) {
            String query = URI.create(json).getRawQuery();
            if (query == null || !query.startsWith("credential_offer=")) {
                throw new IllegalArgumentException("not a credential offer link with credential_offer=...: " + linkOrJson);
            }
            json = URLDecoder.decode(query.substring("credential_offer=".length()), StandardCharsets.UTF_8);
        }
        try {
            Map<String, Object> offer = JsonUtil.parseJson(json);
            Map<String, Object> grants = (Map<String, Object>) offer.get("grants");
            Map<String, Object> grant = (Map<String, Object>) grants.get("urn:ietf:params:oauth:grant-type:pre-authorized_code");
            List<String> ids = (List<String>) offer.get("credential_configuration_ids");
            if (grant != null) {
                return new CredentialOffer((String) offer.get("credential_issuer"), ids.get(0), (String) grant.get("pre-authorized_code"),
                        grant.containsKey("tx_code"), null);
            }
            Map<String, Object> authorizationCode = (Map<String, Object>) grants.get("authorization_code");
            return new CredentialOffer((String) offer.get("credential_issuer"), ids.get(0), null, false,
                    (String) authorizationCode.get("issuer_state"));
        } catch (JoseException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a credential offer with a pre-authorized or authorization code grant: " + e.getMessage(), e);
        }
    }
}
