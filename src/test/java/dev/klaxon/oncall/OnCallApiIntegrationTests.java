package dev.klaxon.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.support.Api;
import dev.klaxon.support.KlaxonIntegrationTest;
import dev.klaxon.support.MutableClock;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@KlaxonIntegrationTest
class OnCallApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.asAdmin(port);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String team(String prefix) {
        return admin.post("/api/v1/teams", "{\"name\":\"" + prefix + "-" + suffix() + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    String user(String name) {
        String username = name.toLowerCase().replace(' ', '.') + "-" + suffix();
        return admin.post("/api/v1/users", "{\"username\":\"" + username + "\",\"name\":\"" + name + "\"}")
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    JsonNode createWeekly(String team, String role, String start, String... people) {
        return admin.post("/api/v1/rotations", rotationJson("weekly-" + suffix(), team, role, "P7D", start, people))
                .expect(201)
                .json();
    }

    static String rotationJson(String name, String team, String role, String length, String start, String... people) {
        return """
                {"name":"%s","teamId":"%s","role":"%s","participants":[%s],"shiftLength":"%s",
                 "handoffTime":"09:00","timeZone":"Europe/Berlin","start":"%s"}""".formatted(name, team, role, quoted(people), length, start);
    }

    static String quoted(String... ids) {
        return String.join(",", List.of(ids).stream().map(i -> "\"" + i + "\"").toList());
    }

    static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void aRotationIsCreatedReadListedAndAnsweredWhoIsOnCall() {
        String team = team("payments");
        String alice = user("Alice Weekly");
        String bob = user("Bob Weekly");
        JsonNode rotation = createWeekly(team, "Payments technical expert", "2026-11-23", alice, bob);
        String id = rotation.get("id").asString();

        assertThat(rotation.get("shiftLength").asString()).isEqualTo("P7D");
        assertThat(rotation.get("handoffTime").asString()).isEqualTo("09:00");
        assertThat(admin.get("/api/v1/rotations/" + id).expect(200).json().get("participants"))
                .hasSize(2);
        assertThat(admin.get("/api/v1/rotations?teamId=" + team + "&role=%20payments%20TECHNICAL%20expert")
                        .expect(200)
                        .json())
                .singleElement()
                .satisfies(r -> assertThat(r.get("id").asString()).isEqualTo(id));

        JsonNode onCall = admin.get(
                        "/api/v1/oncall?at=2026-12-01T12:00:00Z&teamId=" + team + "&role=payments%20technical%20expert")
                .expect(200)
                .json();
        assertThat(onCall).hasSize(1);
        JsonNode entry = onCall.get(0);
        assertThat(entry.get("rotationId").asString()).isEqualTo(id);
        assertThat(entry.get("role").asString()).isEqualTo("Payments technical expert");
        assertThat(entry.get("userId").asString()).isEqualTo(bob);
        assertThat(entry.get("userName").asString()).isEqualTo("Bob Weekly");
        assertThat(entry.get("from").asString()).isEqualTo("2026-11-30T08:00:00Z");
        assertThat(entry.get("until").asString()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(entry.get("source").asString()).isEqualTo("rotation");
        assertThat(admin.get("/api/v1/oncall?at=2026-11-01T12:00:00Z&teamId=" + team)
                        .expect(200)
                        .json())
                .isEmpty();
    }

    @Test
    void anInvalidRotationIsRejectedFieldByFieldAndNothingIsStored() {
        String team = team("invalid");
        String name = "invalid-" + suffix();
        var response = admin.post("/api/v1/rotations", """
                {"name":"%s","teamId":"%s","role":" ","participants":["%s"],"shiftLength":"PT30M",
                 "handoffTime":"9am","timeZone":"Europe/Atlantis","start":"2026-13-01",
                 "restrictions":[{"days":["MON","FUNDAY"],"from":"08:00","to":"25:00"}]}""".formatted(name, team, UUID.randomUUID()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response))
                .containsExactlyInAnyOrder(
                        "role",
                        "participants[0]",
                        "shiftLength",
                        "handoffTime",
                        "timeZone",
                        "start",
                        "restrictions[0].days[1]",
                        "restrictions[0].to");
        assertThat(fields(admin.post(
                        "/api/v1/rotations",
                        rotationJson(name, UUID.randomUUID().toString(), "x", "P1D", "2026-11-23"))))
                .containsExactlyInAnyOrder("teamId", "participants");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oncall_rotations WHERE name = ?")
                        .param(name)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aRotationCanBeReplacedAndDeleted() {
        String team = team("replace");
        String alice = user("Alice Replace");
        String bob = user("Bob Replace");
        String id = createWeekly(team, "Incident coordinator", "2026-11-23", alice)
                .get("id")
                .asString();

        var updated = admin.put(
                        "/api/v1/rotations/" + id,
                        rotationJson("renamed-" + suffix(), team, "Incident coordinator", "P1W", "2026-11-23", bob))
                .expect(200)
                .json();
        assertThat(updated.get("shiftLength").asString()).isEqualTo("P7D");
        assertThat(admin.get("/api/v1/oncall?at=2026-11-24T12:00:00Z&teamId=" + team)
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(bob);
        var rejected = admin.put(
                "/api/v1/rotations/" + id, rotationJson("renamed", team, "Incident coordinator", "P1W", "2026-11-23"));
        assertThat(fields(rejected)).containsExactly("participants");
        assertThat(admin.get("/api/v1/rotations/" + id)
                        .json()
                        .get("participants")
                        .get(0)
                        .asString())
                .isEqualTo(bob);

        admin.delete("/api/v1/rotations/" + id).expect(204);
        admin.get("/api/v1/rotations/" + id).expect(404);
    }

    @Test
    void shiftsOfARotationAndOfAUserFollowTheScheduleAcrossDst() {
        String team = team("shifts");
        String alice = user("Alice Shifts");
        String bob = user("Bob Shifts");
        String id = admin.post(
                        "/api/v1/rotations",
                        rotationJson("daily-" + suffix(), team, "Technical expert", "P1D", "2027-03-25", alice, bob))
                .expect(201)
                .json()
                .get("id")
                .asString();

        JsonNode shifts = admin.get(
                        "/api/v1/rotations/" + id + "/shifts?from=2027-03-27T08:00:00Z&until=2027-03-29T07:00:00Z")
                .expect(200)
                .json();
        assertThat(shifts).hasSize(2);
        assertThat(shifts.get(0).get("from").asString()).isEqualTo("2027-03-27T08:00:00Z");
        assertThat(shifts.get(0).get("until").asString()).isEqualTo("2027-03-28T07:00:00Z"); // 23 h
        assertThat(shifts.get(0).get("userId").asString()).isEqualTo(alice);
        assertThat(shifts.get(1).get("userId").asString()).isEqualTo(bob);

        JsonNode bobs = admin.get(
                        "/api/v1/users/" + bob + "/shifts?from=2027-03-25T00:00:00Z&until=2027-03-31T00:00:00Z")
                .expect(200)
                .json();
        assertThat(bobs)
                .extracting(s -> s.get("from").asString())
                .containsExactly("2027-03-26T08:00:00Z", "2027-03-28T07:00:00Z", "2027-03-30T07:00:00Z");
        assertThat(fields(admin.get(
                        "/api/v1/users/" + bob + "/shifts?from=2027-01-01T00:00:00Z&until=2028-06-01T00:00:00Z")))
                .containsExactly("until");
        assertThat(fields(admin.get("/api/v1/rotations/" + id + "/shifts?from=yesterday")))
                .containsExactly("from");
    }

    @Test
    void anOverrideOverAHandOffIsRecordedWithWhoDidItAndCanBeCancelled() {
        String team = team("override");
        String alice = user("Alice Override");
        String bob = user("Bob Override");
        String carol = user("Carol Override");
        String id = admin.post(
                        "/api/v1/rotations",
                        rotationJson("daily-" + suffix(), team, "Technical expert", "P1D", "2027-01-04", alice, bob))
                .expect(201)
                .json()
                .get("id")
                .asString();

        // Mon 20:00 to Tue 12:00 Berlin over the Tue 09:00 hand-off.
        JsonNode override = admin.post("/api/v1/rotations/" + id + "/overrides", """
                        {"userId":"%s","from":"2027-01-04T19:00:00Z","until":"2027-01-05T11:00:00Z"}""".formatted(carol))
                .expect(201)
                .json();
        assertThat(override.get("createdBy").asString()).isEqualTo("Administrator");
        assertThat(override.get("createdAt").asString()).isNotBlank();

        for (String at : List.of("2027-01-04T19:30:00Z", "2027-01-05T08:30:00Z")) {
            JsonNode now = admin.get("/api/v1/oncall?teamId=" + team + "&at=" + at)
                    .json()
                    .get(0);
            assertThat(now.get("userId").asString()).isEqualTo(carol);
            assertThat(now.get("source").asString()).isEqualTo("override");
            assertThat(now.get("from").asString()).isEqualTo("2027-01-04T19:00:00Z");
            assertThat(now.get("until").asString()).isEqualTo("2027-01-05T11:00:00Z");
        }
        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-05T11:00:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(bob);

        var invalid = admin.post(
                "/api/v1/rotations/" + id + "/overrides", """
                {"userId":"%s","replacesUserId":"%s","from":"2027-01-05T11:00:00Z","until":"2027-01-05T10:00:00Z"}""".formatted(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(fields(invalid)).containsExactlyInAnyOrder("userId", "replacesUserId", "until");

        String overrideId = override.get("id").asString();
        JsonNode cancelled = admin.delete("/api/v1/rotations/" + id + "/overrides/" + overrideId)
                .expect(200)
                .json();
        assertThat(cancelled.get("cancelledBy").asString()).isEqualTo("Administrator");
        assertThat(admin.get("/api/v1/rotations/" + id + "/overrides").json()).hasSize(1);
        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-04T19:30:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(alice);
    }

    @Test
    void anOverrideWithReplacesUserIdCoversOnlyThatPerson() {
        String team = team("replaces");
        String alice = user("Alice Replaces");
        String bob = user("Bob Replaces");
        String carol = user("Carol Replaces");
        String id = admin.post(
                        "/api/v1/rotations",
                        rotationJson("daily-" + suffix(), team, "Technical expert", "P1D", "2027-01-04", alice, bob))
                .expect(201)
                .json()
                .get("id")
                .asString();
        admin.post("/api/v1/rotations/" + id + "/overrides", """
                        {"userId":"%s","replacesUserId":"%s","from":"2027-01-04T19:00:00Z","until":"2027-01-05T11:00:00Z"}""".formatted(carol, bob))
                .expect(201);

        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-04T19:30:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(alice);
        JsonNode covered = admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-05T09:00:00Z")
                .json()
                .get(0);
        assertThat(covered.get("userId").asString()).isEqualTo(carol);
        assertThat(covered.get("from").asString()).isEqualTo("2027-01-05T08:00:00Z");
    }

    @Test
    void aSwapExchangesTwoShiftsAndIsCancelledAsAPair() {
        String team = team("swap");
        String alice = user("Alice Swap");
        String bob = user("Bob Swap");
        String id = createWeekly(team, "Incident coordinator", "2027-01-04", alice, bob)
                .get("id")
                .asString();

        JsonNode pair = admin.post("/api/v1/rotations/" + id + "/swaps", """
                        {"shiftStart":"2027-01-04T08:00:00Z","withShiftStart":"2027-01-11T08:00:00Z"}""")
                .expect(201)
                .json();
        assertThat(pair).hasSize(2);
        assertThat(pair.get(0).get("swapId").asString())
                .isEqualTo(pair.get(1).get("swapId").asString());
        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-05T00:00:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(bob);
        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-12T00:00:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(alice);
        assertThat(fields(admin.post("/api/v1/rotations/" + id + "/swaps", """
                {"shiftStart":"2027-01-04T09:00:00Z","withShiftStart":"2027-01-18T08:00:00Z"}""")))
                .containsExactly("shiftStart");
        assertThat(fields(admin.post("/api/v1/rotations/" + id + "/swaps", """
                {"shiftStart":"2027-01-04T08:00:00Z","withShiftStart":"2027-01-18T08:00:00Z"}""")))
                .containsExactly("withShiftStart"); // both alice's

        admin.delete("/api/v1/rotations/" + id + "/overrides/"
                        + pair.get(0).get("id").asString())
                .expect(200);
        assertThat(admin.get("/api/v1/rotations/" + id + "/overrides").json())
                .allSatisfy(o -> assertThat(o.get("cancelledAt").isNull()).isFalse());
        assertThat(admin.get("/api/v1/oncall?teamId=" + team + "&at=2027-01-12T00:00:00Z")
                        .json()
                        .get(0)
                        .get("userId")
                        .asString())
                .isEqualTo(bob);
    }

    @Test
    void followTheSunLayersAreStoredAndResolved() {
        String team = team("sun");
        String us = user("Uma US");
        String eu = user("Emil EU");
        JsonNode rotation = admin.post("/api/v1/rotations", """
                        {"name":"sun-%s","teamId":"%s","role":"Technical expert","participants":["%s"],
                         "shiftLength":"P7D","handoffTime":"09:00","timeZone":"Europe/Berlin","start":"2026-11-23",
                         "layers":[{"name":"EU","participants":["%s"],"shiftLength":"P7D",
                                    "restrictions":[{"days":["mon","TUE","WED","THU","FRI"],"from":"08:00","to":"20:00"}]}]}""".formatted(suffix(), team, us, eu))
                .expect(201)
                .json();
        JsonNode layer = rotation.get("layers").get(0);
        assertThat(layer.get("handoffTime").asString()).isEqualTo("09:00");
        assertThat(layer.get("restrictions").get(0).get("days").get(0).asString())
                .isEqualTo("MON");

        JsonNode day = admin.get("/api/v1/oncall?teamId=" + team + "&at=2026-12-01T12:00:00Z")
                .json()
                .get(0);
        assertThat(day.get("userId").asString()).isEqualTo(eu);
        assertThat(day.get("source").asString()).isEqualTo("layer");
        assertThat(day.get("from").asString()).isEqualTo("2026-12-01T07:00:00Z");
        assertThat(day.get("until").asString()).isEqualTo("2026-12-01T19:00:00Z");
        JsonNode night = admin.get("/api/v1/oncall?teamId=" + team + "&at=2026-12-01T22:00:00Z")
                .json()
                .get(0);
        assertThat(night.get("userId").asString()).isEqualTo(us);
        assertThat(night.get("source").asString()).isEqualTo("rotation");
    }

    @Test
    void calendarFeedsAreParsableSecretAndRevocable() throws Exception {
        String team = team("feeds");
        String alice = user("Alice Feed");
        String bob = user("Bob Feed");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JsonNode rotation =
                createWeekly(team, "Incident coordinator", today.minusDays(20).toString(), alice, bob);
        String id = rotation.get("id").asString();

        JsonNode created = admin.post("/api/v1/rotations/" + id + "/calendar-feeds", "")
                .expect(201)
                .json();
        String url = created.get("url").asString();
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/ical/").endsWith(".ics");
        String path = url.substring(("http://127.0.0.1:" + port).length());
        String token = path.substring("/ical/".length(), path.length() - ".ics".length());
        assertThat(admin.get("/api/v1/rotations/" + id + "/calendar-feeds").body())
                .doesNotContain(token);
        assertThat(jdbc.sql("SELECT token_hash FROM oncall_calendar_feeds WHERE id = ?")
                        .param(UUID.fromString(created.get("id").asString()))
                        .query(String.class)
                        .single())
                .hasSize(64)
                .isNotEqualTo(token);

        var anonymous = Api.anonymous(port);
        var feed = anonymous.get(path, "text/calendar").expect(200);
        assertThat(feed.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        // 20 days into a weekly rotation: shifts overlapping the past 2 and the next 12 weeks.
        assertThat(events).hasSizeBetween(14, 16);
        VEvent first = events.get(0);
        assertThat(first.getSummary().getValue())
                .isEqualTo("On call: " + rotation.get("name").asString() + " (Incident coordinator)");
        assertThat(first.getDateTimeStart().getValue()).endsWith("Z");
        assertThat(first.getDateTimeStamp().getDate()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Instant start = Instant.from(first.getDateTimeStart().getDate());
        Instant end = Instant.from(first.getDateTimeEnd().getDate());
        assertThat(Duration.between(start, end)).isBetween(Duration.ofHours(167), Duration.ofHours(169));
        String uid = first.getUid().orElseThrow().getValue();
        Calendar again = new CalendarBuilder()
                .build(new StringReader(anonymous.get(path, "text/calendar").body()));
        assertThat(again.<VEvent>getComponents(Component.VEVENT)
                        .get(0)
                        .getUid()
                        .orElseThrow()
                        .getValue())
                .isEqualTo(uid);

        JsonNode userFeed = admin.post("/api/v1/users/" + bob + "/calendar-feeds", "")
                .expect(201)
                .json();
        String userPath = userFeed.get("url").asString().substring(("http://127.0.0.1:" + port).length());
        Calendar bobs = new CalendarBuilder()
                .build(new StringReader(
                        anonymous.get(userPath, "text/calendar").expect(200).body()));
        assertThat(bobs.<VEvent>getComponents(Component.VEVENT)).hasSizeBetween(7, 8);

        admin.delete("/api/v1/calendar-feeds/" + created.get("id").asString()).expect(200);
        anonymous.get(path, "text/calendar").expect(404);
        anonymous.get("/ical/" + "x".repeat(32) + ".ics", "text/calendar").expect(404);
        anonymous.get(userPath, "text/calendar").expect(200);
        assertThat(admin.get("/api/v1/rotations/" + id + "/calendar-feeds")
                        .json()
                        .get(0)
                        .get("revokedAt")
                        .isNull())
                .isFalse();
    }
}
