package dev.baton.webapp.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock Baton tells the time and the date by: UTC, whatever time zone the JVM or the database runs in. Code
 * that judges a date (has an asset expired today?) takes today's UTC date from this clock and passes it to SQL as a
 * parameter, instead of asking the database for {@code current_date}, so that the library, the asset page and search
 * agree on the day at every moment, around midnight too.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
