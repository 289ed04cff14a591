package dev.klaxon.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawBodyTests {

    @Test
    void readsABodyUpToTheLimit() throws IOException {
        byte[] body = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(RawBody.read(new ByteArrayInputStream(body), -1, 100)).isEqualTo(body);
        assertThat(RawBody.read(new ByteArrayInputStream(body), 100, 100)).isEqualTo(body);
        assertThat(RawBody.read(new ByteArrayInputStream(new byte[0]), 0, 100)).isEmpty();
    }

    @Test
    void stopsReadingOneByteAfterTheLimit() throws IOException {
        var endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = 'a';
                }
                served += len;
                return len;
            }
        };
        assertThat(RawBody.read(endless, -1, 1000)).isNull();
        assertThat(endless.served).isEqualTo(1001);
    }

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReading() throws IOException {
        assertThat(RawBody.read(InputStream.nullInputStream(), 10_000_000, 1000))
                .isNull();
    }

    @Test
    void decodesUtf8Strictly() {
        assertThat(RawBody.utf8("grüße 🔥".getBytes(StandardCharsets.UTF_8))).isEqualTo("grüße 🔥");
        assertThat(RawBody.utf8(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}))
                .isNull();
        assertThat(RawBody.utf8(new byte[] {(byte) 0xc3})).isNull();
        assertThat(RawBody.utf8("\uFEFF{}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{}");
    }
}
