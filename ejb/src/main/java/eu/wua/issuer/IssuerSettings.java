package eu.wua.issuer;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import eu.wua.platform.PlatformSettings;

/** The credential issuer's settings (README.md has the table). */
@ApplicationScoped
public class IssuerSettings {

    @Inject
    @ConfigProperty(name = "wua.issuer.offer-lifetime", defaultValue = "PT10M")
    Duration offerLifetime;

    @Inject
    @ConfigProperty(name = "wua.issuer.c-nonce-lifetime", defaultValue = "PT5M")
    Duration nonceLifetime;

    @Inject
    @ConfigProperty(name = "wua.issuer.access-token-lifetime", defaultValue = "PT10M")
    Duration accessTokenLifetime;

    @Inject
    @ConfigProperty(name = "wua.issuer.credential-lifetime", defaultValue = "P30D")
    Duration credentialLifetime;

    @Inject
    @ConfigProperty(name = "wua.issuer.proof-max-age", defaultValue = "PT5M")
    Duration proofMaxAge;

    @Inject
    @ConfigProperty(name = "wua.issuer.clock-skew", defaultValue = "PT60S")
    Duration clockSkew;

    @Inject
    @ConfigProperty(name = "wua.issuer.wia-max-age", defaultValue = "PT24H")
    Duration wiaMaxAge;

    @Inject
    @ConfigProperty(name = "wua.issuer.max-tx-code-failures", defaultValue = "5")
    int maxTxCodeFailures;

    @Inject
    @ConfigProperty(name = "wua.issuer.key-attestation-types", defaultValue = "key-attestation+jwt,keyattestation+jwt")
    String keyAttestationTypes;

    @Inject
    @ConfigProperty(name = "wua.issuer.issuing-authority", defaultValue = "WUA Demo PID Provider")
    String issuingAuthority;

    /** PID Rulebook §2.4: the alpha-2 code of the PID provider's country; no default, and checked when the application starts. */
    @Inject
    @ConfigProperty(name = "wua.issuer.issuing-country")
    String issuingCountry;

    /** RFC 9449 §8: proofs carry a nonce the issuer gave out, so a proof made ahead of time is worthless. */
    @Inject
    @ConfigProperty(name = "wua.issuer.dpop-nonce-required", defaultValue = "true")
    boolean dpopNonceRequired;

    /** HAIP §4.3 wants DPoP; Bearer tokens only for wallets that cannot, on the pre-authorized flow, when this is on. */
    @Inject
    @ConfigProperty(name = "wua.issuer.bearer-tokens-allowed", defaultValue = "false")
    boolean bearerTokensAllowed;

    /** RFC 9126 §2.2: a request_uri lives briefly; the wallet opens the authorization page right after pushing. */
    @Inject
    @ConfigProperty(name = "wua.issuer.par-lifetime", defaultValue = "PT60S")
    Duration parLifetime;

    /** How long the person has on the authorization page once the wallet opened it. */
    @Inject
    @ConfigProperty(name = "wua.issuer.authorization-session-lifetime", defaultValue = "PT10M")
    Duration authorizationSessionLifetime;

    /** RFC 6749 §4.1.2: an authorization code lives at most a few minutes. */
    @Inject
    @ConfigProperty(name = "wua.issuer.authorization-code-lifetime", defaultValue = "PT60S")
    Duration authorizationCodeLifetime;

    @Inject
    @ConfigProperty(name = "wua.issuer.max-authentication-failures", defaultValue = "5")
    int maxAuthenticationFailures;

    /** Each refresh token's own lifetime; every use gives a new one. */
    @Inject
    @ConfigProperty(name = "wua.issuer.refresh-token-lifetime", defaultValue = "P7D")
    Duration refreshTokenLifetime;

    /** After this long from the authentication no refresh token is issued or honoured: the person authenticates again. */
    @Inject
    @ConfigProperty(name = "wua.issuer.refresh-horizon", defaultValue = "P30D")
    Duration refreshHorizon;

    @Inject
    private PlatformSettings platform;

    public Duration parLifetime() { return parLifetime; }
    public Duration authorizationSessionLifetime() { return authorizationSessionLifetime; }
    public Duration authorizationCodeLifetime() { return authorizationCodeLifetime; }
    public int maxAuthenticationFailures() { return maxAuthenticationFailures; }
    public Duration refreshTokenLifetime() { return refreshTokenLifetime; }
    public Duration refreshHorizon() { return refreshHorizon; }

    /** The Credential Issuer Identifier: the public base URL, so that metadata sits at /.well-known/openid-credential-issuer. */
    public String identifier() { return platform.publicBaseUrl(); }
    public String endpoint(String name) { return identifier() + "/issuer/" + name; }
    public Duration offerLifetime() { return offerLifetime; }
    public Duration nonceLifetime() { return nonceLifetime; }
    public Duration accessTokenLifetime() { return accessTokenLifetime; }
    public Duration credentialLifetime() { return credentialLifetime; }
    public Duration proofMaxAge() { return proofMaxAge; }
    public Duration clockSkew() { return clockSkew; }
    public Duration wiaMaxAge() { return wiaMaxAge; }
    public int maxTxCodeFailures() { return maxTxCodeFailures; }
    public boolean bearerTokensAllowed() { return bearerTokensAllowed; }
    public String issuingAuthority() { return issuingAuthority; }
    public String issuingCountry() { return issuingCountry; }

    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        requireCountryCode(issuingCountry);
    }

    /** Two capital letters of ISO 3166-1 alpha-2; {@code EU} is reserved there, not a country. */
    static String requireCountryCode(String code) {
        if (code == null || !code.matches("[A-Z]{2}") || "EU".equals(code)) {
            throw new IllegalStateException("wua.issuer.issuing-country must be the ISO 3166-1 alpha-2 code of the PID provider's country"
                    + " (PID Rulebook 2.4), such as BE or FR, not " + code);
        }
        return code;
    }

    @Produces
    VerificationSettings verification() {
        return new VerificationSettings(identifier(), clockSkew(), proofMaxAge(), wiaMaxAge(), keyAttestationTypes(), dpopNonceRequired);
    }

    /** The KA {@code typ}s accepted, each checked by its own profile's rules; one of them makes the issuer strict. */
    public java.util.List<String> keyAttestationTypes() {
        return java.util.Arrays.stream(keyAttestationTypes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
