package eu.wua.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import eu.wua.platform.Base64Url;
import eu.wua.platform.SignatureVerification;
import eu.wua.platform.TokenStatusList;
import eu.wua.trust.TrustedChain;
import eu.wua.trust.UntrustedChain;
import eu.wua.trust.WalletProviderTrust;

/**
 * Reads an entry of a Token Status List published by a Wallet Provider (TSL §8.3): fetched over
 * HTTP, {@code typ}, signature and x5c chain to the same trusted Wallet Provider that signed the
 * referencing token, {@code sub} equal to the URI, not expired; kept for its {@code ttl}. Only
 * hosts the provider's trust list entry names are asked ({@link WalletProviderTrust#servesStatusListsFrom}),
 * and a failed fetch is remembered for a few seconds, so that a host that is down is not asked again
 * by every request that names it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@LocalBean
@Local(StatusLookup.class)
public class StatusListReader implements StatusLookup {

    private static final int MAX_LIST_BYTES = 16 * 1024 * 1024;
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    // a slow or redirecting host must not hold a credential request: short time-outs, and a redirect is an answer other than 200
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    /** A list is kept at most this long, whatever its ttl says. */
    private static final Duration MAX_TTL = Duration.ofHours(24);

    private static final Duration FAILURE_MEMORY = Duration.ofSeconds(5);

    private record CachedList(String walletProviderId, byte[] packed, int bits, Instant freshUntil) {
    }

    private record Failure(String reason, Instant until) {
    }

    @Inject
    private WalletProviderTrust trustList;

    private final Map<String, CachedList> cache = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    @Override
    public int status(String uri, int index, String expectedWalletProviderId, Instant now) throws StatusUnknown {
        requireHostOfTheProvider(uri, expectedWalletProviderId);
        CachedList list = cache.get(uri);
        if (list == null || now.isAfter(list.freshUntil())) {
            list = fetchOrRecallFailure(uri, now);
        }
        if (!list.walletProviderId().equals(expectedWalletProviderId)) {
            throw new StatusUnknown("the status list " + uri + " is signed by another Wallet Provider than the attestation");
        }
        try {
            return StatusListFormat.statusAt(list.packed(), list.bits(), index);
        } catch (IndexOutOfBoundsException e) {
            throw new StatusUnknown("index " + index + " is outside the status list " + uri);
        }
    }

    /** Forgets every list read and every failure, so that the next check fetches again (after a revocation in tests and operations). */
    public void forget() {
        cache.clear();
        failures.clear();
    }

    private void requireHostOfTheProvider(String uri, String walletProviderId) throws StatusUnknown {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            throw new StatusUnknown("the status list reference " + uri + " is not a URI");
        }
        if (!trustList.servesStatusListsFrom(walletProviderId, parsed)) {
            throw new StatusUnknown("the status list " + uri + " is not on a host its Wallet Provider is trusted for"
                    + " (the host of its identifier, or a status_list_hosts entry of the trust list)");
        }
    }

    private CachedList fetchOrRecallFailure(String uri, Instant now) throws StatusUnknown {
        Failure failed = failures.get(uri);
        if (failed != null && now.isBefore(failed.until())) {
            throw new StatusUnknown(failed.reason() + " (tried less than " + FAILURE_MEMORY.toSeconds() + " s ago)");
        }
        try {
            CachedList list = fetch(uri, now);
            cache.put(uri, list);
            failures.remove(uri);
            return list;
        } catch (StatusUnknown e) {
            failures.put(uri, new Failure(e.getMessage(), now.plus(FAILURE_MEMORY)));
            throw e;
        }
    }

    private CachedList fetch(String uri, Instant now) throws StatusUnknown {
        String token = download(uri).strip();
        try {
            if (!Base64Url.isCanonicalCompact(token)) {
                throw new StatusUnknown("the status list " + uri + " is not canonical base64url");
            }
            JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(token);
            if (!TokenStatusList.TYPE.equals(jws.getHeader("typ"))) {
                throw new StatusUnknown("the status list " + uri + " has typ " + jws.getHeader("typ") + ", not statuslist+jwt");
            }
            List<java.security.cert.X509Certificate> x5c = jws.getCertificateChainHeaderValue();
            TrustedChain chain = trustList.validate(x5c, now);
            JwtClaims claims = SignatureVerification.nativeConsumer()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256", "ES384", "ES512")
                    .setVerificationKey(chain.leaf().getPublicKey())
                    .setExpectedType(true, TokenStatusList.TYPE)
                    .setExpectedSubject(uri).setRequireIssuedAt().setSkipDefaultAudienceValidation()
                    .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()))
                    .build().processToClaims(token);
            @SuppressWarnings("unchecked")
            Map<String, Object> statusList = (Map<String, Object>) claims.getClaimValue("status_list", Map.class);
            if (statusList == null || !(statusList.get("bits") instanceof Number bits) || !(statusList.get("lst") instanceof String lst)
                    || !List.of(1, 2, 4, 8).contains(bits.intValue())) {
                throw new StatusUnknown("the status list " + uri + " has no valid status_list claim");
            }
            Duration ttl = claims.getClaimValue("ttl") instanceof Number seconds && seconds.doubleValue() >= 0
                    ? Duration.ofSeconds((long) Math.min(seconds.doubleValue(), MAX_TTL.toSeconds())) : DEFAULT_TTL;
            Instant freshUntil = now.plus(ttl);
            if (claims.getExpirationTime() != null && claims.getExpirationTime().getValue() < freshUntil.getEpochSecond()) {
                freshUntil = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            }
            return new CachedList(chain.walletProviderId(), StatusListFormat.decompress(lst, MAX_LIST_BYTES), bits.intValue(), freshUntil);
        } catch (JoseException | InvalidJwtException | MalformedClaimException | ClassCastException e) {
            throw new StatusUnknown("the status list " + uri + " does not verify: " + e.getMessage());
        } catch (UntrustedChain e) {
            throw new StatusUnknown("the status list " + uri + " is not signed by a trusted Wallet Provider: " + e.getMessage());
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new StatusUnknown("the status list " + uri + " does not decompress: " + e.getMessage());
        }
    }

    private static String download(String uri) throws StatusUnknown {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(FETCH_TIMEOUT)
                    .header("Accept", TokenStatusList.MEDIA_TYPE).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StatusUnknown("the status list " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body().strip();
        } catch (IOException | IllegalArgumentException e) {
            throw new StatusUnknown("the status list " + uri + " cannot be fetched: " + inWords(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusUnknown("interrupted while fetching the status list " + uri);
        }
    }

    /** What went wrong, in words: no exception class reaches an error description. */
    private static String inWords(Exception e) {
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + FETCH_TIMEOUT.toSeconds() + " s";
        }
        return e instanceof IllegalArgumentException ? "it is not a URI" : "no connection to its host";
    }
}
