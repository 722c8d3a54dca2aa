package eu.wua.issuer;

import java.time.Instant;

/** The PID as an SD-JWT VC (PID Rulebook): the configuration id wallets ask for, and its defaults. */
public final class PidConfiguration {

    /** Ours to choose (OpenID4VCI §12.2.4); the EUDI reference issuer's value, which wallets know. */
    public static final String SD_JWT_VC_ID = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    public static final String FORMAT = "dc+sd-jwt";
    public static final String VCT = "urn:eudi:pid:1";
    /** ETSI TS 119 472-3 method A; the token is UNCONFIRMED (see the spec digest). */
    public static final String REUSE_ONCE_ONLY = "once_only";
    public static final String KEY_STORAGE_HIGH = "iso_18045_high";

    private PidConfiguration() {
    }

    public static CredentialConfiguration sdJwtVc(int batchSize, Instant now) {
        return new CredentialConfiguration(SD_JWT_VC_ID, FORMAT, VCT, batchSize, REUSE_ONCE_ONLY, KEY_STORAGE_HIGH, now);
    }
}
