package dev.klaxon.incidents;

import java.time.Duration;

/** Durations as people read them: "15m", "1h 5m", "2d 3h", "45s". */
public final class Durations {

    private Durations() {}

    public static String human(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long seconds = Math.abs(duration.getSeconds());
        String sign = duration.isNegative() ? "-" : "";
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder text = new StringBuilder(sign);
        if (days > 0) {
            text.append(days).append("d ");
        }
        if (hours > 0) {
            text.append(hours).append("h ");
        }
        if (minutes > 0) {
            text.append(minutes).append("m ");
        }
        if (secs > 0 || text.length() == sign.length()) {
            text.append(secs).append("s ");
        }
        return text.toString().strip();
    }
}
