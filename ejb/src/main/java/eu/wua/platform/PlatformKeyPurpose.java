package eu.wua.platform;

import java.time.Duration;

/**
 * The platform's own keys, in creation order: an issuer always comes before the keys it certifies.
 * {@code issuer == null} with {@code ca} is a self-signed root; without {@code ca}, a self-signed
 * signing certificate (the audit key stands alone so that an export verifies with it only).
 */
public enum PlatformKeyPurpose {
    WALLET_PROVIDER_CA("wallet-provider-ca", "Wallet Provider CA", null, true, Duration.ofDays(3650)),
    WALLET_PROVIDER_SIGNING("wallet-provider-signing", "Wallet Provider Attestations", WALLET_PROVIDER_CA, false, Duration.ofDays(730)),
    WALLET_PROVIDER_STATUS_LIST("wallet-provider-status-list", "Wallet Provider Status Lists", WALLET_PROVIDER_CA, false, Duration.ofDays(730)),
    ISSUER_CA("issuer-ca", "PID Issuer CA", null, true, Duration.ofDays(3650)),
    CREDENTIAL_SIGNING("credential-signing", "PID Issuer Credential Signing", ISSUER_CA, false, Duration.ofDays(730)),
    ISSUER_STATUS_LIST("issuer-status-list", "PID Issuer Status Lists", ISSUER_CA, false, Duration.ofDays(730)),
    PRESENTATION_REQUESTS("presentation-requests", "PID Issuer Presentation Requests", ISSUER_CA, false, Duration.ofDays(730)),
    AUDIT_CHECKPOINT("audit-checkpoint", "Audit Checkpoints", null, false, Duration.ofDays(3650));

    private final String label;
    private final String commonNameSuffix;
    private final PlatformKeyPurpose issuer;
    private final boolean ca;
    private final Duration validity;

    PlatformKeyPurpose(String label, String commonNameSuffix, PlatformKeyPurpose issuer, boolean ca, Duration validity) {
        this.label = label;
        this.commonNameSuffix = commonNameSuffix;
        this.issuer = issuer;
        this.ca = ca;
        this.validity = validity;
    }

    public String label() { return label; }
    public String commonNameSuffix() { return commonNameSuffix; }
    public PlatformKeyPurpose issuer() { return issuer; }
    public boolean isCa() { return ca; }
    public Duration validity() { return validity; }

    /**
     * Whether the certificate names the platform's host as a DNS subject alternative name: the key
     * signs OpenID4VP request objects, whose client identifier {@code x509_san_dns:<host>} a wallet
     * checks against that name (OpenID4VP 1.0 §5.9.3).
     */
    public boolean namesPlatformHost() { return this == PRESENTATION_REQUESTS; }
}
