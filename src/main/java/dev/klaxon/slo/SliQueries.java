package dev.klaxon.slo;

/**
 * PromQL for an SLO's events, pulled from the configured Prometheus at every evaluation: exactly one of
 * {@code goodQuery} and {@code badQuery}, plus {@code totalQuery}. A query is either a counter expression
 * ({@code sum(http_requests_total{code=~"5.."})}) or, as Sloth and OpenSLO tools write them, a rate with the
 * {@code {{.window}}} placeholder ({@code sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))}).
 */
public record SliQueries(String goodQuery, String badQuery, String totalQuery) {

    public static final int MAX_LENGTH = 2000;

    /** Null when no query is given at all (the SLO gets its events pushed). */
    public static SliQueries ofNullable(String goodQuery, String badQuery, String totalQuery) {
        SliQueries q = new SliQueries(blankToNull(goodQuery), blankToNull(badQuery), blankToNull(totalQuery));
        return q.goodQuery == null && q.badQuery == null && q.totalQuery == null ? null : q;
    }

    /** The query for the events that are not counted in total alone: the good one or the bad one. */
    public String eventQuery() {
        return goodQuery != null ? goodQuery : badQuery;
    }

    public boolean countsBad() {
        return goodQuery == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
