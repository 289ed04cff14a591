package dev.klaxon.intake.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a request body ourselves: capped (a huge body costs nothing) and decoded as strict UTF-8. */
public final class RawBody {

    private RawBody() {}

    /** The body's bytes, or null when it is longer than {@code maxBytes} (reading stops at max + 1 bytes). */
    public static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            return null;
        }
        byte[] buffer = new byte[(int) Math.min(declaredLength >= 0 ? declaredLength + 1 : 8192, maxBytes + 1L)];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length > maxBytes) {
                    return null;
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBytes + 1L));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return length > maxBytes ? null : Arrays.copyOf(buffer, length);
    }

    /** Strict UTF-8: malformed or unmappable input is an error, never replaced. Null when invalid. */
    public static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            String text = chars.toString();
            // A byte order mark is tolerated, as JSON parsers commonly do.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
