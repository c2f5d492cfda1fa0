package dev.baton.webapp.feedback;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Due dates in working days: Monday to Friday count, Saturdays and Sundays do not (Baton keeps no holiday calendar).
 * A request asked on any day is due {@code n} working days after that day: asked on a Friday with a service level of
 * one working day, it is due on Monday.
 */
final class WorkingDays {

    private WorkingDays() {}

    /** The date {@code days} working days after {@code from}. */
    static LocalDate after(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative, was " + days);
        }
        LocalDate date = from;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return date;
    }

    static boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
