package dev.baton.webapp.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final LocalDate MONDAY = LocalDate.parse("2027-01-04");

    @Test
    void tenWorkingDaysFromAMondayEndOnTheFridayOfTheNextWeek() {
        assertThat(WorkingDays.after(MONDAY, 10)).isEqualTo(LocalDate.parse("2027-01-18"));
        assertThat(WorkingDays.after(MONDAY, 4)).isEqualTo(LocalDate.parse("2027-01-08"));
    }

    @Test
    void oneWorkingDayFromAFridayOrAWeekendIsMonday() {
        assertThat(WorkingDays.after(LocalDate.parse("2027-01-08"), 1)).isEqualTo(LocalDate.parse("2027-01-11"));
        assertThat(WorkingDays.after(LocalDate.parse("2027-01-09"), 1)).isEqualTo(LocalDate.parse("2027-01-11"));
        assertThat(WorkingDays.after(LocalDate.parse("2027-01-10"), 1)).isEqualTo(LocalDate.parse("2027-01-11"));
    }

    @Test
    void zeroWorkingDaysIsTheDayItselfAndNegativeIsRefused() {
        assertThat(WorkingDays.after(MONDAY, 0)).isEqualTo(MONDAY);
        assertThatThrownBy(() -> WorkingDays.after(MONDAY, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
