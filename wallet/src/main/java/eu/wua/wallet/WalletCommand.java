package eu.wua.wallet;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The reference wallet's command line: {@code ./run wallet COMMAND} (see {@link #USAGE}).
 * Exit status 0 done, 1 refused by the platform, 2 wrong usage, 3 the platform could not be reached.
 */
public final class WalletCommand {

    static final String USAGE = """
            usage: wallet [--url URL] [--wallet-provider-id ID] [--state FILE] COMMAND [OPTIONS]
              register --pin PIN                          register a new instance (development integrity evidence)
              wia                                         get a Wallet Instance Attestation and print it decoded
              keys --pin PIN [--count N] [--profile openid4vci|ts3] [--nonce C_NONCE]
                                                          generate N keys in the remote WSCD; print the Key Attestation decoded
              sign --pin PIN --kid KID --input SIGNING_INPUT
                                                          sign a JWS signing input with a remote key (base64url r||s)
              issue --pin PIN --offer LINK --tx-code CODE [--keys N] [--profile openid4vci|ts3] [--proof jwt|attestation]
                                                          the whole OpenID4VCI flow on an offer; prints the PIDs decoded
              issue --pin PIN --flow authorization_code --person USERNAME:PASSWORD [--offer LINK] [--keys N] ...
                                                          the HAIP flow: PAR, sign-in on the authorization page as the
                                                          person, token and credential with DPoP; without --offer the
                                                          wallet asks for the PID itself (wallet-initiated)
              present --pin PIN --request 'openid4vp://...'     answer an OpenID4VP request with the newest held PID (what its
                                                          DCQL query asks, no more) and print the redirect_uri to open;
              reissue --pin PIN [--offer URI]             a new batch by presenting the newest held PID on the issuer's
                                                          authorization page (authorization code flow + OpenID4VP);
              present --pin PIN (--nonce N [--audience A] | --operator USER:PASSWORD) [--claims a,b] [--transaction-data T,...]
                                                          present the newest held PID with a KB-JWT signed in the WSCD;
                                                          with --operator the platform's verifier checks it
              demo --operator USER:PASSWORD [--keys N] [--flow authorization_code --person USERNAME:PASSWORD]
                                                          the PID provider's back office makes an offer for a demo
                                                          person, a new instance takes it: a batch of PIDs, printed
              decode JWT                                  print a JWT's header and claims
              load --operator USER:PASSWORD [--concurrency C] [--duration SECONDS] [--batch N] [--proof attestation|jwt]
                   [--max-issuances M] [--credential-only true] [--out FILE] [--allow-remote true]
                   [--flow authorization_code --person USERNAME:PASSWORD] [--token dpop|bearer]
                                                          C simulated wallets doing the whole flow for SECONDS; a progress
                                                          line, then requests/s, credentials/s, latency per endpoint,
                                                          errors by code with the first message of each; the result
                                                          as JSON in FILE. Loopback URLs only unless --allow-remote
                                                          true. --credential-only true prepares M issuances first,
                                                          then times the credential endpoint alone
            The PIN may come from the environment variable WUA_WALLET_PIN instead of --pin.
            Defaults: --url http://localhost:8080, --state wallet-state.json, --count 1, --profile openid4vci.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    public WalletCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    public static void main(String[] args) {
        // jose4j logs through SLF4J; a CLI has no logging back end, and SLF4J's notice about that is noise
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        System.exit(new WalletCommand(System.out, System.err, System.getenv()).run(args));
    }

    public int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--help".equals(args[i]) || "-h".equals(args[i]) || "help".equals(args[i])) {
                out.print(USAGE);
                return 0;
            }
            if (args[i].startsWith("--")) {
                if (i + 1 >= args.length) {
                    return usage(args[i] + " needs a value");
                }
                options.put(args[i].substring(2), args[++i]);
            } else {
                words.add(args[i]);
            }
        }
        if (words.isEmpty()) {
            return usage("no command");
        }
        try {
            URI url = URI.create(options.getOrDefault("url", "http://localhost:8080"));
            WalletProviderClient client = options.containsKey("wallet-provider-id")
                    ? new WalletProviderClient(url, options.get("wallet-provider-id")) : new WalletProviderClient(url);
            WalletState state = WalletState.load(Path.of(options.getOrDefault("state", "wallet-state.json")));
            return switch (words.get(0)) {
                case "register" -> register(client, state, pin(options));
                case "wia" -> wia(registered(client, state));
                case "keys" -> keys(registered(client, state), state, pin(options), Integer.parseInt(options.getOrDefault("count", "1")),
                        options.getOrDefault("profile", "openid4vci"), options.get("nonce"));
                case "sign" -> sign(registered(client, state), state, pin(options), required(options, "kid"), required(options, "input"));
                case "decode" -> decode(words.size() > 1 ? words.get(1) : null);
                case "issue" -> issue(client, registered(client, state), state, pin(options), options);
                case "present" -> present(client, registered(client, state), state, pin(options), options);
                case "reissue" -> {
                    Map<String, String> reissue = new java.util.HashMap<>(options);
                    reissue.put("flow", "presentation");
                    yield issue(client, registered(client, state), state, pin(options), reissue);
                }
                case "demo" -> demo(client, state, options);
                case "load" -> load(url, options);
                default -> usage("unknown command '" + words.get(0) + "'");
            };
        } catch (UsageError e) {
            return usage(e.getMessage());
        } catch (NumberFormatException e) {
            return usage("--count, --concurrency, --duration, --batch and --max-issuances are numbers");
        } catch (PlatformRefusal e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("wallet: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("wallet: interrupted");
            return 3;
        }
    }

    private int register(WalletProviderClient client, WalletState state, String pin) throws IOException, PlatformRefusal {
        ReferenceWallet wallet = ReferenceWallet.register(client, pin);
        state.registered(wallet);
        state.save();
        out.println("registered wallet instance " + wallet.instanceId());
        return 0;
    }

    private int wia(ReferenceWallet wallet) throws IOException, PlatformRefusal {
        String wia = wallet.walletInstanceAttestation();
        out.println(wia);
        return decode(wia);
    }

    private int keys(ReferenceWallet wallet, WalletState state, String pin, int count, String profile, String nonce)
            throws IOException, PlatformRefusal {
        AttestedKeys attested = wallet.generateKeys(pin, count, profile, nonce);
        state.addKeys(attested);
        state.save();
        for (RemoteKey key : attested.keys()) {
            out.println("key " + key.kid());
        }
        out.println(attested.keyAttestation());
        return decode(attested.keyAttestation());
    }

    private int sign(ReferenceWallet wallet, WalletState state, String pin, String kid, String input) throws IOException, PlatformRefusal {
        if (state.key(kid) == null) {
            err.println("wallet: no key " + kid + " in " + "the state file; the platform will refuse it too");
        }
        byte[] signature = wallet.walletProvider().sign(wallet.instanceId(), kid, wallet.instanceProof(), pin, input);
        out.println(Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return 0;
    }

    private int issue(WalletProviderClient client, ReferenceWallet wallet, WalletState state, String pin, Map<String, String> options)
            throws IOException, PlatformRefusal {
        String flow = options.getOrDefault("flow", "pre-authorized_code");
        int keys = Integer.parseInt(options.getOrDefault("keys", "3"));
        String profile = options.getOrDefault("profile", "ts3");
        String proof = options.getOrDefault("proof", "jwt");
        CredentialOffer parsed;
        try {
            parsed = options.containsKey("offer") ? CredentialOffer.parse(options.get("offer"))
                    : CredentialOffer.walletInitiated(options.getOrDefault("issuer", client.baseUrl().toString().replaceAll("/+$", "")),
                            options.getOrDefault("configuration", PID_CONFIGURATION));
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        ReferenceWallet.Issuance issuance;
        try {
            switch (flow) {
                case "pre-authorized_code" -> {
                    if (!parsed.preAuthorized()) {
                        throw new UsageError("the pre-authorized flow needs --offer with a pre-authorized code (or use --flow authorization_code)");
                    }
                    out.println("offer from " + parsed.credentialIssuer() + " for " + parsed.configurationId());
                    issuance = wallet.obtainCredentials(parsed, required(options, "tx-code"), pin, keys, profile, proof);
                }
                case "authorization_code" -> {
                    String[] person = required(options, "person").split(":", 2);
                    if (person.length != 2) {
                        throw new UsageError("--person needs USERNAME:PASSWORD of a person the issuer's authenticator knows");
                    }
                    out.println((parsed.issuerState() != null ? "offer" : "wallet-initiated issuance") + " from " + parsed.credentialIssuer()
                            + " for " + parsed.configurationId() + ": PAR, sign-in as " + person[0] + ", token and credential with DPoP");
                    issuance = wallet.obtainCredentialsByAuthorization(parsed, person[0], person[1], pin, keys, profile, proof);
                }
                case "presentation" -> {
                    List<WalletState.Held> held = state.credentials();
                    if (held.isEmpty()) {
                        throw new UsageError("re-issuance presents a PID this wallet holds, and it holds none: run 'issue' first");
                    }
                    out.println("re-issuance from " + parsed.credentialIssuer() + " for " + parsed.configurationId()
                            + ": PAR, the held PID presented to the issuer's OpenID4VP request, token and credential with DPoP");
                    issuance = wallet.obtainCredentialsByPresentation(parsed, ReceivedCredential.verify(held.get(0).credential(),
                            held.get(0).key()), held.get(0).key(), pin, keys, profile, proof);
                }
                default -> throw new UsageError("--flow is pre-authorized_code, authorization_code or presentation, not " + flow);
            }
        } catch (ReceivedCredential.InvalidCredential e) {
            err.println("wallet: a credential failed the wallet's checks: " + e.getMessage());
            return 1;
        }
        state.addCredentials(issuance);
        state.save();
        out.println(issuance.credentials().size() + " credential(s) for " + issuance.keys().keys().size() + " attested key(s), each verified"
                + " (issuer signature, disclosures, cnf.jwk = attested key):");
        for (int i = 0; i < issuance.credentials().size(); i++) {
            ReceivedCredential credential = issuance.credentials().get(i);
            out.println();
            out.println("PID " + (i + 1) + " bound to WSCD key " + issuance.keys().keys().get(i).kid());
            out.println("  " + credential.compact());
            Map<String, Object> shown = new java.util.LinkedHashMap<>(credential.claims());
            shown.remove("cnf");
            out.println("  claims: " + JsonUtil.toJson(shown));
        }
        return 0;
    }

    /**
     * A presentation of the newest held PID (RFC 9901 §4.3): the claims of {@code --claims} disclosed, a KB-JWT for
     * {@code --audience} and {@code --nonce} signed in the remote WSCD. With {@code --operator} and no {@code --nonce}, the
     * platform's verifier gives the nonce and checks the presentation, and its answer is printed. With {@code --request}, an
     * OpenID4VP request by reference is answered instead: its nonce, its client and the claims its DCQL query asks for.
     */
    private int present(WalletProviderClient client, ReferenceWallet wallet, WalletState state, String pin, Map<String, String> options)
            throws IOException, PlatformRefusal {
        List<WalletState.Held> held = state.credentials();
        if (held.isEmpty()) {
            throw new UsageError("this wallet holds no credential: run 'issue' first");
        }
        ReceivedCredential credential;
        try {
            credential = ReceivedCredential.verify(held.get(0).credential(), held.get(0).key());
        } catch (ReceivedCredential.InvalidCredential e) {
            err.println("wallet: the held credential no longer passes the wallet's checks: " + e.getMessage());
            return 1;
        }
        if (options.containsKey("request")) {
            // the request brings its own nonce, audience and claims
            OpenId4VpClient.Request request = OpenId4VpClient.fetch(options.get("request"));
            out.println("request from " + request.clientId() + " for " + String.join(", ", request.claims()));
            String redirect = OpenId4VpClient.respond(request, wallet.present(pin, credential, held.get(0).key(), request.claims(),
                    request.nonce(), request.clientId(), List.of()));
            out.println("presented; open in the browser that asked: " + redirect);
            return 0;
        }
        java.util.Set<String> claims = java.util.Set.of(options.getOrDefault("claims", "given_name,family_name,birthdate").split(","));
        List<String> transactionData = options.containsKey("transaction-data") ? List.of(options.get("transaction-data").split(",")) : List.of();
        String audience = options.getOrDefault("audience", client.baseUrl().toString().replaceAll("/+$", "") + "/verifier");
        VerifierClient verifier = options.containsKey("operator") ? VerifierClient.of(client.baseUrl(), options.get("operator")) : null;
        String nonce = options.containsKey("nonce") ? options.get("nonce") : verifier != null ? verifier.nonce() : null;
        if (nonce == null) {
            throw new UsageError("present needs --request LINK, --nonce N (the relying party's challenge), or --operator USER:PASSWORD to ask"
                    + " the platform's verifier");
        }
        String presentation = wallet.present(pin, credential, held.get(0).key(), claims, nonce, audience, transactionData);
        out.println(presentation);
        if (verifier != null && !options.containsKey("nonce")) {
            out.println("verifier: " + JsonUtil.toJson(verifier.verify(presentation, nonce, audience, transactionData)));
        }
        return 0;
    }

    private static final String PID_CONFIGURATION = "eu.europa.ec.eudi.pid_vc_sd_jwt";

    /** The demo subject: fictional, in the PID Rulebook's claim names. */
    private static final Map<String, Object> DEMO_SUBJECT = Map.of("family_name", "Mustermann", "given_name", "Erika",
            "birthdate", "1964-08-12", "place_of_birth", Map.of("locality", "Berlin", "country", "DE"), "nationalities", List.of("DE"),
            "address", Map.of("street_address", "Heidestrasse 17", "locality", "Koeln", "postal_code", "51147", "country", "DE"));

    private int demo(WalletProviderClient client, WalletState state, Map<String, String> options) throws IOException, PlatformRefusal {
        String[] operator = required(options, "operator").split(":", 2);
        if (operator.length != 2) {
            throw new UsageError("--operator needs USER:PASSWORD of an issuer-operator");
        }
        String pin = options.getOrDefault("pin", environment.getOrDefault("WUA_WALLET_PIN", "123456"));
        BackOfficeClient backOffice = new BackOfficeClient(client.baseUrl(), operator[0], operator[1]);
        Map<String, String> issue = new java.util.HashMap<>(options);
        if ("authorization_code".equals(options.get("flow"))) {
            required(options, "person");
            BackOfficeClient.Offer offer = backOffice.authorizationOffer(PID_CONFIGURATION);
            out.println("back office: offer made with the authorization code grant; the person signs in at the issuer");
            issue.put("offer", offer.link());
        } else {
            BackOfficeClient.Offer offer = backOffice.offer(PID_CONFIGURATION, DEMO_SUBJECT);
            out.println("back office: offer made, tx_code " + offer.txCode() + " goes to the person by a second channel");
            issue.put("offer", offer.link());
            issue.put("tx-code", offer.txCode());
        }
        ReferenceWallet wallet = ReferenceWallet.register(client, pin);
        state.registered(wallet);
        state.save();
        out.println("wallet: registered instance " + wallet.instanceId());
        return issue(client, wallet, state, pin, issue);
    }

    private int decode(String jwt) {
        if (jwt == null) {
            throw new UsageError("decode needs a JWT");
        }
        String[] parts = jwt.split("~")[0].split("\\.");
        if (parts.length != 3) {
            err.println("wallet: not a compact JWS (it has " + parts.length + " parts, not 3)");
            return 2;
        }
        try {
            out.println("header: " + pretty(parts[0]));
            out.println("claims: " + pretty(parts[1]));
            return 0;
        } catch (IllegalArgumentException | JoseException e) {
            err.println("wallet: the JWT does not decode: " + e.getMessage());
            return 2;
        }
    }

    private static String pretty(String part) throws JoseException {
        return JsonUtil.toJson(JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)));
    }

    private static ReferenceWallet registered(WalletProviderClient client, WalletState state) throws IOException {
        if (!state.registered()) {
            throw new UsageError("no wallet instance yet: run 'register --pin PIN' first");
        }
        return ReferenceWallet.restore(client, state.instanceKey(), state.instanceId());
    }

    private String pin(Map<String, String> options) {
        String pin = options.getOrDefault("pin", environment.get("WUA_WALLET_PIN"));
        if (pin == null || pin.isBlank()) {
            throw new UsageError("a PIN is needed: --pin PIN or WUA_WALLET_PIN");
        }
        return pin;
    }

    static final int MAX_CONCURRENCY = 256;
    static final int MAX_DURATION_SECONDS = 3600;

    private int load(URI url, Map<String, String> options) throws IOException, InterruptedException {
        String operator = required(options, "operator");
        if (!operator.contains(":")) {
            throw new UsageError("--operator is USER:PASSWORD");
        }
        boolean loopback = java.util.Set.of("localhost", "127.0.0.1", "[::1]", "::1").contains(String.valueOf(url.getHost()));
        if (!loopback && !"true".equals(options.get("allow-remote"))) {
            throw new UsageError("load runs against this machine only (" + url.getHost() + " is not loopback); --allow-remote true to insist");
        }
        int concurrency = bounded(options, "concurrency", 4, 1, MAX_CONCURRENCY);
        int duration = bounded(options, "duration", 60, 1, MAX_DURATION_SECONDS);
        int batch = bounded(options, "batch", 10, 1, 100);
        long maxIssuances = bounded(options, "max-issuances", 0, 0, Integer.MAX_VALUE);
        String proof = options.getOrDefault("proof", "attestation");
        if (!List.of("attestation", "jwt").contains(proof)) {
            throw new UsageError("--proof is attestation or jwt");
        }
        String flow = options.getOrDefault("flow", "pre-authorized_code");
        if (!List.of("pre-authorized_code", "authorization_code").contains(flow)) {
            throw new UsageError("--flow is pre-authorized_code or authorization_code");
        }
        if (flow.equals("authorization_code") && (!options.getOrDefault("person", "").contains(":") || "true".equals(options.get("credential-only")))) {
            throw new UsageError("--flow authorization_code needs --person USERNAME:PASSWORD (and times the whole flow, not --credential-only)");
        }
        LoadRun.Settings settings = new LoadRun.Settings(url, options.getOrDefault("configuration", "eu.europa.ec.eudi.pid_vc_sd_jwt"), operator,
                concurrency, java.time.Duration.ofSeconds(duration), batch, proof, maxIssuances, "true".equals(options.get("credential-only")),
                flow, options.get("person"), "bearer".equalsIgnoreCase(options.getOrDefault("token", "dpop")));
        if (settings.bearer() && settings.authorizationCode()) {
            throw new UsageError("--token bearer is for the pre-authorized flow only (the authorization code flow gives DPoP tokens)");
        }
        if (settings.credentialOnly() && maxIssuances == 0) {
            throw new UsageError("--credential-only true needs --max-issuances M: that many issuances are prepared first");
        }
        err.printf("load: %d wallets, %d s, batch %d, %s proofs, %s flow against %s%n", concurrency, duration, batch, proof, flow, url);
        LoadRun.Result result = new LoadRun(settings).run(line -> err.println("load: " + line));
        out.printf("%d issuances, %d credentials in %.1f s: %.1f requests/s, %.1f credentials/s%n", result.issuances(), result.credentials(),
                result.seconds(), result.requestsPerSecond(), result.credentialsPerSecond());
        out.println("endpoint        requests     p50 ms     p95 ms     p99 ms     max ms");
        for (LoadRun.Latency latency : result.latencies()) {
            out.printf("%-14s %9d %10.1f %10.1f %10.1f %10.1f%n", latency.endpoint(), latency.requests(), latency.p50(), latency.p95(),
                    latency.p99(), latency.max());
        }
        out.println(result.errors().isEmpty() ? "no errors" : "errors: " + result.errors());
        result.firstErrors().forEach((kind, message) -> out.println("  first " + kind + ": " + message));
        Path file = Path.of(options.getOrDefault("out", "load-" + result.started().getEpochSecond() + ".json"));
        if (file.getParent() != null) {
            java.nio.file.Files.createDirectories(file.getParent());
        }
        java.nio.file.Files.writeString(file, result.json() + "\n");
        out.println("result: " + file.toAbsolutePath());
        return result.errors().isEmpty() ? 0 : 1;
    }

    private static int bounded(Map<String, String> options, String name, int fallback, int min, int max) {
        int value = Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
        if (value < min || value > max) {
            throw new UsageError("--" + name + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageError("--" + name + " is needed");
        }
        return value;
    }

    private int usage(String problem) {
        err.println("wallet: " + problem);
        err.print(USAGE);
        return 2;
    }

    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
