package eu.wua.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The air-gapped source (a file) and what is refused before any byte is read as a list. */
class LoteFetchTest {

    @TempDir
    Path directory;

    @Test
    void aFileIsReadWholeUpToTheLimit() throws Exception {
        Path list = Files.write(directory.resolve("lote.jwt"), new byte[2048]);
        assertArrayEquals(new byte[2048], LoteFetch.read(list.toString(), false, 2048, Duration.ofSeconds(1)));
    }

    @Test
    void aFileOverTheLimitIsRefused() throws Exception {
        Path list = Files.write(directory.resolve("lote.jwt"), new byte[2049]);
        LoteRefused refused = assertThrows(LoteRefused.class, () -> LoteFetch.read(list.toString(), false, 2048, Duration.ofSeconds(1)));
        assertTrue(refused.getMessage().contains("is larger than 2048 bytes (wua.trust.lote.max-size)"), refused.getMessage());
    }

    @Test
    void aMissingFileOrAUrlThatIsNotHttpIsRefused() {
        LoteRefused missing = assertThrows(LoteRefused.class, () -> LoteFetch.read(directory.resolve("none.jwt").toString(), false, 2048,
                Duration.ofSeconds(1)));
        assertTrue(missing.getMessage().contains("NoSuchFileException"), missing.getMessage());
        LoteRefused notHttp = assertThrows(LoteRefused.class, () -> LoteFetch.read("file:///etc/passwd", true, 2048, Duration.ofSeconds(1)));
        assertTrue(notHttp.getMessage().contains("is not an http(s) URL"), notHttp.getMessage());
    }
}
