package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.webapp.BatonTest;
import dev.baton.webapp.TestUsers;
import dev.baton.webapp.accounts.PageSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The taxonomy's admin page: an admin adds, renames, redefines, retires and reinstates values, with the API's rules,
 * and everyone reads the result in the glossary. Only admins may change it, as through the API.
 */
class TaxonomyPagesTest extends BatonTest {

    private PageSession admin() {
        return PageSession.signIn(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    private static String form(String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(pairs[i]).append('=')
                    .append(PageSession.encode(pairs[i + 1]));
        }
        return form.toString();
    }

    private String glossary() {
        users.user("taxonomy-pages-rep", "REP");
        return PageSession.signIn(baseUrl(), "taxonomy-pages-rep", TestUsers.PASSWORD).get("/glossary").body();
    }

    @Test
    void anAdminAddsAValueWithItsDefinitionAndRepsReadItInTheGlossary() {
        String label = "Buying committee " + UUID.randomUUID().toString().substring(0, 8);
        PageSession admin = admin();
        HttpResponse<String> added = admin.postForm("/admin/taxonomy/persona/values",
                form("label", label, "definition", "Everyone who signs off on the purchase together."));
        assertThat(added.statusCode()).isEqualTo(303);
        String key = TaxonomyService.slug(label);
        assertThat(added.headers().firstValue("Location")).hasValue("/admin/taxonomy#persona-" + key);

        String page = admin.get("/admin/taxonomy").body();
        assertThat(page).contains("Added " + label + " to persona (key " + key + ")");
        assertThat(page).contains("id=\"persona-" + key + "\"");
        assertThat(glossary()).contains(label).contains("Everyone who signs off on the purchase together.");
    }

    @Test
    void anAdminRenamesAndRedefinesAValueThenRetiresAndReinstatesIt() {
        String key = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        PageSession admin = admin();
        assertThat(admin.postForm("/admin/taxonomy/industry/values",
                form("label", "Shipping " + key, "key", key, "definition", "Moves goods by sea.")).statusCode())
                .isEqualTo(303);

        assertThat(admin.postForm("/admin/taxonomy/industry/values/" + key,
                form("label", "Maritime " + key, "definition", "Moves goods by sea and runs ports.")).statusCode())
                .isEqualTo(303);
        assertThat(admin.get("/admin/taxonomy").body()).contains("Saved Maritime " + key);
        assertThat(glossary()).contains("Maritime " + key).contains("Moves goods by sea and runs ports.")
                .doesNotContain("Shipping " + key);

        assertThat(admin.postForm("/admin/taxonomy/industry/values/" + key + "/retire", "").statusCode())
                .isEqualTo(303);
        String retired = admin.get("/admin/taxonomy").body();
        assertThat(retired).contains("Retired Maritime " + key + ": assets keep it, but it is no longer offered");
        assertThat(retired).contains("aria-label=\"Reinstate Maritime " + key + "\"");
        assertThat(glossary()).doesNotContain("Maritime " + key);

        assertThat(admin.postForm("/admin/taxonomy/industry/values/" + key + "/reinstate", "").statusCode())
                .isEqualTo(303);
        assertThat(admin.get("/admin/taxonomy").body()).contains("Reinstated Maritime " + key);
        assertThat(glossary()).contains("Maritime " + key);
    }

    @Test
    void theServicesRulesAreShownOnThePageAndTheFormKeepsWhatWasTyped() {
        PageSession admin = admin();
        HttpResponse<String> blank = admin.postForm("/admin/taxonomy/persona/values",
                form("label", "Gatekeeper without words", "definition", "  "));
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.body()).contains("role=\"alert\">definition: must not be blank</p>")
                .contains("value=\"Gatekeeper without words\"");

        HttpResponse<String> twice = admin.postForm("/admin/taxonomy/persona/values",
                form("label", "champion", "definition", "Twice"));
        assertThat(twice.statusCode()).isEqualTo(200);
        assertThat(twice.body()).contains("The persona facet already has a value &#39;champion&#39;");

        HttpResponse<String> badKey = admin.postForm("/admin/taxonomy/persona/values",
                form("label", "Odd key", "key", "Odd Key!", "definition", "A key with spaces"));
        assertThat(badKey.body()).contains("key: use lower-case letters, digits");

        HttpResponse<String> missing = admin.postForm("/admin/taxonomy/persona/values/no-such-value", "");
        assertThat(missing.statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/taxonomy").body()).contains("No value no-such-value in persona");

        admin.postForm("/admin/taxonomy/persona/values/champion", form("label", " ", "definition", "x"));
        assertThat(admin.get("/admin/taxonomy").body()).contains("label: must not be blank");
    }

    @Test
    void onlyAdminsChangeTheTaxonomyWhileEveryoneReadsTheGlossary() {
        users.user("taxonomy-pages-marketer", "MARKETER");
        PageSession marketer = PageSession.signIn(baseUrl(), "taxonomy-pages-marketer", TestUsers.PASSWORD);
        assertThat(marketer.get("/admin/taxonomy").statusCode()).isEqualTo(403);
        assertThat(marketer.postForm("/admin/taxonomy/persona/values",
                form("label", "Marketer's own", "definition", "Not allowed")).statusCode()).isEqualTo(403);
        assertThat(marketer.get("/glossary").body()).doesNotContain("Edit the");
        assertThat(admin().get("/glossary").body()).contains("href=\"/admin/taxonomy\"");
        assertThat(List.of(glossary())).noneMatch(page -> page.contains("Marketer's own"));
    }
}
