package dev.baton.webapp.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An asset's facet values are shown in the taxonomy's order, not the alphabet's. */
class ValueOrderTest {

    private final ValueOrder order = new ValueOrder(Map.of(
            "buyer_stage", Map.of("awareness", 1, "decision", 3, "onboarding", 4, "expansion", 5)));

    @Test
    void valuesFollowTheirPositionsAndUnknownOnesComeLastByKey() {
        assertThat(order.sorted("buyer_stage", List.of("expansion", "zeta", "onboarding", "alpha", "awareness")))
                .containsExactly("awareness", "onboarding", "expansion", "alpha", "zeta");
        assertThat(order.sorted("persona", List.of("end-user", "champion"))).containsExactly("champion", "end-user");
    }

    @Test
    void itKnowsOnlyTheValuesItWasGiven() {
        assertThat(order.knowsAll(Map.of("buyer_stage", Set.of("decision", "expansion")))).isTrue();
        assertThat(order.knowsAll(Map.of("buyer_stage", Set.of("decision", "renewal")))).isFalse();
        assertThat(order.knowsAll(Map.of("persona", Set.of("champion")))).isFalse();
        assertThat(order.knowsAll(Map.of())).isTrue();
    }
}
