package eu.wua.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import eu.wua.issuer.TestWalletProvider;

/**
 * A List of Trusted Entities as a file, for a platform configured with {@code wua.trust.lote.file} (the air-gapped
 * setting) on the application servers in CI: {@code <directory> <sequence number> [jades|xades]} writes
 * {@code <directory>/list} signed by the signer kept in that directory ({@code signer.pem} is what the platform pins),
 * listing one test Wallet Provider. Run by {@code .ci/appservers} before the servers start, and by AppServerIT.
 */
public final class TestListFiles {

    public static final String LISTED_NAME = "CI Listed Wallet Provider";
    public static final String LISTED_IDENTIFIER = "https://ci-listed-wallet-provider.example";

    private TestListFiles() {
    }

    public static void main(String... args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: <directory> <sequence number> [jades|xades]");
        }
        write(Path.of(args[0]), Long.parseLong(args[1]), args.length > 2 && args[2].equals("xades"));
    }

    /** Answers the file written. */
    public static Path write(Path directory, long sequenceNumber, boolean xml) throws Exception {
        TestLists.Signer signer = TestLists.Signer.keptIn(directory, "CI LoTE signer");
        Instant now = Instant.now();
        List<TestLists.Listed> listed = List.of(new TestLists.Listed(LISTED_NAME, LISTED_IDENTIFIER, null,
                List.of(new TestWalletProvider(LISTED_NAME).ca)));
        byte[] list = xml ? signer.xades(TestLists.xml(sequenceNumber, now, now.plus(Duration.ofDays(7)), listed))
                : signer.jades(TestLists.json(sequenceNumber, now, now.plus(Duration.ofDays(7)), listed));
        Path file = directory.resolve("list");
        Path written = Files.write(directory.resolve("list.tmp"), list);
        return Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
