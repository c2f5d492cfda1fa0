package dev.baton.webapp.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Who manages the library: the one rule pages, the API and search ask through {@link BatonUser#canManageContent()}. */
class RoleTest {

    @Test
    void marketersAndAdminsManageContentRepsAndTrainersDoNot() {
        assertThat(Arrays.stream(Role.values()).filter(Role::managesContent))
                .containsExactlyInAnyOrder(Role.MARKETER, Role.ADMIN);
    }

    @Test
    void aUserManagesContentAsTheirRoleDoes() {
        assertThat(new BatonUser(1, "mia", "Mia", Role.MARKETER, true, null).canManageContent()).isTrue();
        assertThat(new BatonUser(2, "ray", "Ray", Role.REP, true, null).canManageContent()).isFalse();
        assertThat(new BatonUser(3, "tess", "Tess", Role.TRAINER, true, null).canManageContent()).isFalse();
        assertThat(new BatonUser(4, "ada", "Ada", Role.ADMIN, true, null).canManageContent()).isTrue();
    }

    @Test
    void aReviewerReadsTheWholeLibraryButManagesNothingAndIsNoRep() {
        BatonUser reviewer = new BatonUser(5, "rhea", "Rhea", Role.REVIEWER, true, null);
        assertThat(reviewer.canReadAllContent()).isTrue();
        assertThat(reviewer.canManageContent()).isFalse();
        assertThat(Role.REVIEWER.includes()).containsExactly(Role.REVIEWER);
        assertThat(Role.REVIEWER.home()).isEqualTo("/reviews");
        assertThat(Arrays.stream(Role.values()).filter(Role::readsAllContent))
                .containsExactlyInAnyOrder(Role.MARKETER, Role.ADMIN, Role.REVIEWER);
        assertThat(Arrays.stream(Role.values()).filter(role -> role.includes().contains(Role.REVIEWER)))
                .as("no other role reviews by its role").containsExactly(Role.REVIEWER);
    }
}
