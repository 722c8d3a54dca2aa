package eu.wua.issuer;

import java.time.Instant;

import eu.wua.platform.Iso18045;
import eu.wua.platform.SdJwtVc;

/** The PID as an SD-JWT VC (PID Rulebook): the configuration id wallets ask for, and its defaults. */
public final class PidConfiguration {

    /** Ours to choose (OpenID4VCI §12.2.4); the EUDI reference issuer's value, which wallets know. */
    public static final String SD_JWT_VC_ID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    public static final String FORMAT = SdJwtVc.TYPE;
    public static final String VCT = "urn:eudi:pid:1";
    /** ETSI TS 119 472-3 method A; the token is UNCONFIRMED (see the spec digest). */
    public static final String REUSE_ONCE_ONLY = "once_only";
    public static final String KEY_STORAGE_HIGH = Iso18045.HIGH;

    private PidConfiguration() {
    }

    public static CredentialConfiguration sdJwtVc(int batchSize, String requiredKeyStorage, Instant now) {
        return new CredentialConfiguration(SD_JWT_VC_ID, FORMAT, VCT, batchSize, REUSE_ONCE_ONLY, requiredKeyStorage, now);
    }

    /** The PID attributes an offer may carry (PID Rulebook §2, SD-JWT VC claim names), and those it must. */
    public static final java.util.List<String> MANDATORY_ATTRIBUTES = java.util.List.of("family_name", "given_name", "birthdate",
            "place_of_birth", "nationalities");
    public static final java.util.List<String> OPTIONAL_ATTRIBUTES = java.util.List.of("picture", "issuing_authority", "issuing_country",
            "address", "personal_administrative_number", "birth_family_name", "birth_given_name", "sex", "email", "phone_number",
            "date_of_expiry", "date_of_issuance", "document_number", "issuing_jurisdiction", "trust_anchor", "attestation_legal_category");
}
