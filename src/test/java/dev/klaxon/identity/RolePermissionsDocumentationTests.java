package dev.klaxon.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/permissions.md shows the role-to-permission table; it must say what {@link RolePermissions} does. */
class RolePermissionsDocumentationTests {

    private static final List<String> COLUMNS = List.of("admin", "member", "viewer", "manager", "responder");

    @Test
    void theDocumentedTableIsTheTableInTheCode() throws IOException {
        Map<Permission, Set<String>> documented = documentedTable();

        assertThat(documented.keySet()).containsExactlyInAnyOrder(Permission.values());
        for (Permission permission : Permission.values()) {
            Set<String> granting = new java.util.TreeSet<>();
            for (OrganisationRole role : OrganisationRole.values()) {
                if (RolePermissions.of(role).contains(permission)) {
                    granting.add(role.key());
                }
            }
            for (TeamRole role : TeamRole.values()) {
                if (RolePermissions.of(role).contains(permission)) {
                    granting.add(role.key());
                }
            }
            assertThat(documented.get(permission))
                    .as("roles granting %s", permission.key())
                    .containsExactlyInAnyOrderElementsOf(granting);
        }
    }

    @Test
    void administratorsHoldEveryPermissionAndViewersOnlyTheirOwnAccount() {
        assertThat(RolePermissions.of(OrganisationRole.ADMIN)).containsExactlyInAnyOrder(Permission.values());
        assertThat(RolePermissions.of(OrganisationRole.VIEWER)).containsExactly(Permission.OWN_ACCOUNT_MANAGE);
        assertThat(RolePermissions.of(TeamRole.MANAGER)).containsAll(RolePermissions.of(TeamRole.RESPONDER));
        assertThat(RolePermissions.of(TeamRole.MANAGER))
                .allMatch(p -> p.scope() == Permission.Scope.TEAM, "team roles grant team permissions only");
    }

    private static Map<Permission, Set<String>> documentedTable() throws IOException {
        String doc = Files.readString(Path.of("docs/permissions.md"));
        String table = doc.substring(doc.indexOf("## The table"), doc.indexOf("Which team counts"));
        Map<Permission, Set<String>> rows = new LinkedHashMap<>();
        for (String line : table.lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            Permission permission = Permission.byKey(cells[1].strip().replace("`", ""));
            Set<String> roles = new java.util.TreeSet<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (cells[3 + i].contains("✓")) {
                    roles.add(COLUMNS.get(i));
                }
            }
            assertThat(rows.put(permission, roles))
                    .as("%s listed once", permission)
                    .isNull();
            assertThat(cells[2].strip())
                    .as("scope of %s", permission.key())
                    .isEqualTo(permission.scope() == Permission.Scope.TEAM ? "team" : "organisation");
        }
        return rows;
    }
}
