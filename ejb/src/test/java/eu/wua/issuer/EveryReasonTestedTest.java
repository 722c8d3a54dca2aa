package eu.wua.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import eu.wua.issuer.IssuanceRejection.Reason;

/** Every reason the issuer can refuse with is asserted by a unit test of this package (the audit trail records them). */
class EveryReasonTestedTest {

    @Test
    void everyIssuanceRejectionReasonIsAssertedByAUnitTest() throws IOException {
        String tests;
        try (Stream<Path> files = Files.list(Path.of("src/test/java/eu/wua/issuer"))) {
            tests = String.join("\n", files.filter(f -> f.toString().endsWith("Test.java")).map(EveryReasonTestedTest::read).toList());
        }
        List<Reason> untested = Arrays.stream(Reason.values()).filter(reason -> !tests.contains("(Reason." + reason.name() + ",")).toList();
        assertEquals(List.of(), untested, "reasons no unit test refuses with");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
