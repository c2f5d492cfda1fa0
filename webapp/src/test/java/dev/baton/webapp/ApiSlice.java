package dev.baton.webapp;

import dev.baton.webapp.notifications.Notifications;
import dev.baton.webapp.system.BatonProperties;
import dev.baton.webapp.system.ProblemWriter;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A WebFlux slice test of API controllers: only the named controllers, Baton's error mapping ({@code ApiErrorHandler},
 * a {@code WebExceptionHandler} the slice picks up, and {@link ProblemWriter}) and the typed settings start; no
 * database, object store or index. The services the controllers call are declared with {@code @MockitoBean} in the
 * test, and requests are signed in with {@code accounts.SignedIn}. For mapping, validation and error shapes; flows
 * belong to the full-stack tests ({@link BatonTest}). Every page's header shows the unread notifications (a
 * controller advice the slice picks up), so {@link Notifications} is a mock here too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebFluxTest
@EnableConfigurationProperties(BatonProperties.class)
@Import(ProblemWriter.class)
@MockitoBean(types = Notifications.class)
public @interface ApiSlice {

    /** The controllers under test. */
    @AliasFor(annotation = WebFluxTest.class, attribute = "controllers")
    Class<?>[] value() default {};

    /** Settings for this test, {@code key=value}. */
    @AliasFor(annotation = WebFluxTest.class, attribute = "properties")
    String[] properties() default {};
}
