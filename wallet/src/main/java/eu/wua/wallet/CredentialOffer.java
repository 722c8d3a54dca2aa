package eu.wua.wallet;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/** A credential offer by value (VCI §4.1): the issuer, the configuration offered, the pre-authorized code. */
public record CredentialOffer(String credentialIssuer, String configurationId, String preAuthorizedCode, boolean txCodeRequired) {

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
            Map<String, Object> grant = (Map<String, Object>) ((Map<String, Object>) offer.get("grants"))
                    .get("urn:ietf:params:oauth:grant-type:pre-authorized_code");
            List<String> ids = (List<String>) offer.get("credential_configuration_ids");
            return new CredentialOffer((String) offer.get("credential_issuer"), ids.get(0), (String) grant.get("pre-authorized_code"),
                    grant.containsKey("tx_code"));
        } catch (JoseException | ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a credential offer with a pre-authorized code grant: " + e.getMessage(), e);
        }
    }
}
