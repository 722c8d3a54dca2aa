package eu.wua.wallet;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Many simulated wallets doing the real flow against a running platform, each on its own thread:
 * registration once, then per issuance an offer (the back office), WIA when it is about to expire,
 * token (WIA + PoP), c_nonce, keys with their KA in the remote WSCD, and the credential request
 * with an {@code attestation} proof (or a {@code jwt} proof, one remote signature more). Bounded by
 * time and, optionally, by a count of issuances. Every request is timed per endpoint; refusals are
 * counted by their error code. Credentials are counted, not verified: the wallet's own checks would
 * take CPU from the platform under test when both run on one machine.
 */
public final class LoadRun {

    /** What to run. */
    public record Settings(URI platform, String configurationId, String operator, int concurrency, Duration duration, int batch,
            String proofType, long maxIssuances, boolean credentialOnly, String flow, String person, boolean bearer) {

        /** The pre-authorized flow. */
        public Settings(URI platform, String configurationId, String operator, int concurrency, Duration duration, int batch,
                String proofType, long maxIssuances, boolean credentialOnly) {
            this(platform, configurationId, operator, concurrency, duration, batch, proofType, maxIssuances, credentialOnly,
                    "pre-authorized_code", null, false);
        }

        boolean authorizationCode() {
            return "authorization_code".equals(flow);
        }
    }

    /** Everything a credential request needs, made ready beforehand (the credential-only mode). */
    private record Prepared(IssuerClient.AccessToken token, String wia, String pop, String configurationId, Map<String, Object> proofs) {
    }

    /** One endpoint's latencies in milliseconds. */
    public record Latency(String endpoint, long requests, double p50, double p95, double p99, double max) {
    }

    /** The outcome of a run; {@link #json} is what {@code --out} writes. */
    public record Result(Settings settings, Instant started, double seconds, long issuances, long credentials, long requests,
            List<Latency> latencies, Map<String, Long> errors, Map<String, String> firstErrors) {

        public double requestsPerSecond() { return requests / seconds; }
        public double credentialsPerSecond() { return credentials / seconds; }

        public String json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("platform", settings.platform().toString());
            json.put("concurrency", settings.concurrency());
            json.put("duration_seconds", settings.duration().toSeconds());
            json.put("batch", settings.batch());
            json.put("proof_type", settings.proofType());
            json.put("credential_only", settings.credentialOnly());
            json.put("flow", settings.flow());
            json.put("token_type", settings.bearer() ? "Bearer" : "DPoP");
            json.put("started", started.toString());
            json.put("seconds", round(seconds));
            json.put("issuances", issuances);
            json.put("credentials", credentials);
            json.put("requests", requests);
            json.put("requests_per_second", round(requestsPerSecond()));
            json.put("credentials_per_second", round(credentialsPerSecond()));
            List<Map<String, Object>> endpoints = new ArrayList<>();
            for (Latency latency : latencies) {
                Map<String, Object> endpoint = new LinkedHashMap<>();
                endpoint.put("endpoint", latency.endpoint());
                endpoint.put("requests", latency.requests());
                endpoint.put("p50_ms", round(latency.p50()));
                endpoint.put("p95_ms", round(latency.p95()));
                endpoint.put("p99_ms", round(latency.p99()));
                endpoint.put("max_ms", round(latency.max()));
                endpoints.add(endpoint);
            }
            json.put("latency", endpoints);
            json.put("errors", errors);
            json.put("first_errors", firstErrors);
            return org.jose4j.json.JsonUtil.toJson(json);
        }
    }

    private static final String PIN = "424242";

    private final Settings settings;
    private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    // one message per kind of error: a count says that something failed, the message says what
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private final LongAdder issuances = new LongAdder();
    private final LongAdder credentials = new LongAdder();
    private final AtomicLong started = new AtomicLong();

    public LoadRun(Settings settings) {
        this.settings = settings;
    }

    /** Runs to the end; {@code progress} gets a line every few seconds. */
    public Result run(Consumer<String> progress) throws InterruptedException {
        return settings.credentialOnly() ? runCredentialOnly(progress) : runWholeFlow(progress);
    }

    /**
     * The credential endpoint alone: first {@code maxIssuances} offers, tokens, c_nonces and KAs are
     * made ready (their latencies recorded, their time not counted), then every wallet sends its
     * credential requests as fast as the platform answers. The c_nonce lifetime (5 minutes by
     * default) bounds how many can be prepared.
     */
    private Result runCredentialOnly(Consumer<String> progress) throws InterruptedException {
        ConcurrentLinkedQueue<Prepared> ready = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + settings.duration().toNanos();
        ExecutorService wallets = Executors.newFixedThreadPool(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            wallets.submit(() -> prepare(ready, deadline));
        }
        wallets.shutdown();
        while (!wallets.awaitTermination(5, TimeUnit.SECONDS)) {
            progress.accept("preparing: " + ready.size() + " of " + settings.maxIssuances() + " issuances ready");
        }
        progress.accept(ready.size() + " issuances ready; credential requests now");
        latencies.remove("credential");
        Instant start = Instant.now();
        IssuerClient issuer = new IssuerClient(settings.platform().toString().replaceAll("/+$", ""));
        ExecutorService senders = Executors.newFixedThreadPool(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            senders.submit(() -> {
                for (Prepared next = ready.poll(); next != null; next = ready.poll()) {
                    Prepared request = next;
                    try {
                        List<String> issued = timed("credential", () -> issuer.credential(request.token(), request.wia(), request.pop(),
                                request.configurationId(),
                                request.proofs()));
                        issuances.increment();
                        credentials.add(issued.size());
                    } catch (PlatformRefusal e) {
                        countError(e.status() + " " + e.error(), e);
                    } catch (IOException | RuntimeException e) {
                        countError("client: " + e.getClass().getSimpleName(), e);
                    }
                }
            });
        }
        senders.shutdown();
        while (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
            progress.accept(issuances.sum() + " credential requests answered, " + credentials.sum() + " credentials");
        }
        return result(start);
    }

    private void prepare(ConcurrentLinkedQueue<Prepared> ready, long deadline) {
        try {
            WalletProviderClient walletProvider = new WalletProviderClient(settings.platform());
            BackOfficeClient backOffice = backOffice();
            IssuerClient issuer = new IssuerClient(settings.platform().toString().replaceAll("/+$", ""));
            ReferenceWallet wallet = timed("register", () -> ReferenceWallet.register(walletProvider, PIN));
            String wia = timed("wia", wallet::walletInstanceAttestation);
            while (System.nanoTime() < deadline && started.incrementAndGet() <= settings.maxIssuances()) {
                BackOfficeClient.Offer offer = timed("offer", () -> backOffice.offer(settings.configurationId(), subject()));
                CredentialOffer parsed = CredentialOffer.parse(offer.link());
                IssuerClient.AccessToken token = timed("token", () -> issuer.token(parsed.preAuthorizedCode(), offer.txCode(), wia,
                        wallet.clientAttestationPop(issuer.identifier()), settings.bearer() ? null : DpopKey.generate()));
                String nonce = timed("nonce", issuer::nonce);
                AttestedKeys keys = timed("keys", () -> wallet.generateKeys(PIN, settings.batch(), "ts3", nonce));
                Map<String, Object> proofs = "jwt".equals(settings.proofType())
                        ? Map.of("jwt", List.of(timed("sign", () -> wallet.jwtProof(PIN, keys, issuer.identifier(), nonce))))
                        : Map.of("attestation", List.of(keys.keyAttestation()));
                ready.add(new Prepared(token, wia, wallet.clientAttestationPop(issuer.identifier()), parsed.configurationId(), proofs));
            }
        } catch (PlatformRefusal e) {
            countError("preparing: " + e.status() + " " + e.error(), e);
        } catch (IOException | RuntimeException e) {
            countError("preparing: client: " + e.getClass().getSimpleName(), e);
        }
    }

    private BackOfficeClient backOffice() {
        int colon = settings.operator().indexOf(':');
        return new BackOfficeClient(settings.platform(), settings.operator().substring(0, colon), settings.operator().substring(colon + 1));
    }

    private Result runWholeFlow(Consumer<String> progress) throws InterruptedException {
        Instant start = Instant.now();
        long deadline = System.nanoTime() + settings.duration().toNanos();
        ExecutorService wallets = Executors.newFixedThreadPool(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            wallets.submit(() -> simulateWallet(deadline));
        }
        wallets.shutdown();
        while (!wallets.awaitTermination(5, TimeUnit.SECONDS)) {
            double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            progress.accept(String.format("%5.0f s  %d issuances  %d credentials  %.1f credentials/s  %d errors", elapsed, issuances.sum(),
                    credentials.sum(), credentials.sum() / elapsed, errors.values().stream().mapToLong(LongAdder::sum).sum()));
        }
        return result(start);
    }

    private Result result(Instant start) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        List<Latency> summary = new ArrayList<>();
        latencies.forEach((endpoint, samples) -> summary.add(latency(endpoint, new ArrayList<>(samples))));
        summary.sort((a, b) -> a.endpoint().compareTo(b.endpoint()));
        Map<String, Long> errorCounts = new java.util.TreeMap<>();
        errors.forEach((code, count) -> errorCounts.put(code, count.sum()));
        long requests = summary.stream().mapToLong(Latency::requests).sum();
        return new Result(settings, start, seconds, issuances.sum(), credentials.sum(), requests, summary, errorCounts,
                new java.util.TreeMap<>(firstErrors));
    }

    private void countError(String kind, Exception e) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        firstErrors.putIfAbsent(kind, String.valueOf(e.getMessage()));
    }

    private void simulateWallet(long deadline) {
        ReferenceWallet wallet = null;
        String wia = null;
        Instant wiaRenewal = Instant.EPOCH;
        WalletProviderClient walletProvider = new WalletProviderClient(settings.platform());
        BackOfficeClient backOffice = backOffice();
        IssuerClient issuer = new IssuerClient(settings.platform().toString().replaceAll("/+$", ""));
        while (System.nanoTime() < deadline && (settings.maxIssuances() <= 0 || started.incrementAndGet() <= settings.maxIssuances())) {
            try {
                if (wallet == null) {
                    wallet = timed("register", () -> ReferenceWallet.register(walletProvider, PIN));
                }
                ReferenceWallet current = wallet;
                if (Instant.now().isAfter(wiaRenewal)) {
                    wia = timed("wia", current::walletInstanceAttestation);
                    wiaRenewal = Instant.now().plus(Duration.ofMinutes(30));
                }
                String attestation = wia;
                IssuerClient.AccessToken token = settings.authorizationCode() ? authorized(issuer, current, attestation)
                        : preAuthorized(issuer, backOffice, current, attestation);
                String nonce = timed("nonce", issuer::nonce);
                AttestedKeys keys = timed("keys", () -> current.generateKeys(PIN, settings.batch(), "ts3", nonce));
                Map<String, Object> proofs = "jwt".equals(settings.proofType())
                        ? Map.of("jwt", List.of(timed("sign", () -> current.jwtProof(PIN, keys, issuer.identifier(), nonce))))
                        : Map.of("attestation", List.of(keys.keyAttestation()));
                List<String> issued = timed("credential", () -> issuer.credential(token, attestation,
                        current.clientAttestationPop(issuer.identifier()), settings.configurationId(), proofs));
                issuances.increment();
                credentials.add(issued.size());
            } catch (PlatformRefusal e) {
                countError(e.status() + " " + e.error(), e);
            } catch (IOException | RuntimeException e) {
                countError("client: " + e.getClass().getSimpleName(), e);
                wallet = null; // start over with a new instance: the old one may be in a state we did not expect
                wiaRenewal = Instant.EPOCH; // and with its own WIA: the old one's cnf.jwk is not the new instance's key
            }
        }
    }

    /** An offer from the back office, then the token endpoint. */
    private IssuerClient.AccessToken preAuthorized(IssuerClient issuer, BackOfficeClient backOffice, ReferenceWallet wallet, String wia)
            throws IOException, PlatformRefusal {
        BackOfficeClient.Offer offer = timed("offer", () -> backOffice.offer(settings.configurationId(), subject()));
        CredentialOffer parsed = CredentialOffer.parse(offer.link());
        return timed("token", () -> issuer.token(parsed.preAuthorizedCode(), offer.txCode(), wia, wallet.clientAttestationPop(issuer.identifier()),
                settings.bearer() ? null : DpopKey.generate()));
    }

    /** Wallet-initiated HAIP: PAR, the authorization page (its GET and the sign-in POST, timed together), the token endpoint. */
    private IssuerClient.AccessToken authorized(IssuerClient issuer, ReferenceWallet wallet, String wia) throws IOException, PlatformRefusal {
        int colon = settings.person().indexOf(':');
        AuthorizationFlow flow = new AuthorizationFlow(DpopKey.generate());
        String clientId = ReferenceWallet.clientId(wia);
        String endpoint = (String) issuer.authorizationServerMetadata().get("authorization_endpoint");
        String requestUri = timed("par", () -> issuer.pushAuthorization(flow.pushedParameters(clientId, settings.configurationId(), null), wia,
                wallet.clientAttestationPop(issuer.identifier()), flow.dpopKey()));
        String code = timed("authorize", () -> flow.signIn(endpoint, clientId, requestUri, issuer.identifier(),
                settings.person().substring(0, colon), settings.person().substring(colon + 1)));
        return timed("token", () -> issuer.token(code, flow, wia, wallet.clientAttestationPop(issuer.identifier())));
    }

    private static Map<String, Object> subject() {
        return Map.of("family_name", "Load", "given_name", "Test", "birthdate", "1990-01-01", "place_of_birth", Map.of("country", "EU"),
                "nationalities", List.of("EU"));
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws IOException, PlatformRefusal;
    }

    private <T> T timed(String endpoint, Call<T> call) throws IOException, PlatformRefusal {
        long start = System.nanoTime();
        try {
            return call.call();
        } finally {
            latencies.computeIfAbsent(endpoint, k -> new ConcurrentLinkedQueue<>()).add(System.nanoTime() - start);
        }
    }

    static Latency latency(String endpoint, List<Long> nanos) {
        Collections.sort(nanos);
        return new Latency(endpoint, nanos.size(), percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
                nanos.isEmpty() ? 0 : nanos.get(nanos.size() - 1) / 1e6);
    }

    /** Nearest-rank percentile of sorted samples, in milliseconds. */
    static double percentile(List<Long> sortedNanos, int percent) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.size());
        return sortedNanos.get(Math.max(0, rank - 1)) / 1e6;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
