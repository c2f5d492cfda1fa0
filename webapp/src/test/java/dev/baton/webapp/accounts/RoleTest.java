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
}
