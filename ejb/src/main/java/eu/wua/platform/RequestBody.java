package eu.wua.platform;

import static eu.wua.platform.JsonFactory.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The one reader of request bodies, for every endpoint: at most {@link #MAX_BYTES}, strict UTF-8,
 * a JSON object where one is expected. Each endpoint answers a refusal with its own code ({@link
 * Refused#tooLarge()} is 413 everywhere).
 */
public final class RequestBody {

    public static final int MAX_BYTES = 64 * 1024;

    /** Why a body was not read: too large, unreadable (broken connection, not UTF-8) or not the JSON expected. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean tooLarge;

        Refused(String message, boolean tooLarge) {
            super(message);
            this.tooLarge = tooLarge;
        }

        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private RequestBody() {
    }

    public static String text(InputStream body) throws Refused {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Refused("the request body could not be read", false);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused("the request body is larger than " + MAX_BYTES / 1024 + " KiB", true);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refused("the request body is not UTF-8", false);
        }
        if (!JsonLimits.withoutNul(text)) {
            throw new Refused("the request body holds a NUL character", false);
        }
        return text;
    }

    public static JsonObject jsonObject(InputStream body) throws Refused {
        return optionalJsonObject(body).orElseThrow(() -> new Refused("the request body must be a JSON object", false));
    }

    /** An empty body is none; anything else must be a JSON object. */
    public static Optional<JsonObject> optionalJsonObject(InputStream body) throws Refused {
        String text = text(body);
        if (text.isBlank()) {
            return Optional.empty();
        }
        if (!JsonLimits.withinDepth(text)) {
            throw new Refused("the request body nests deeper than " + JsonLimits.MAX_DEPTH + " levels", false);
        }
        try {
            JsonValue value = JSON.createReader(new StringReader(text)).readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Refused("the request body must be a JSON object", false);
            }
            return Optional.of(value.asJsonObject());
        } catch (JsonException | IllegalStateException e) {
            throw new Refused("the request body is not valid JSON", false);
        }
    }
}
