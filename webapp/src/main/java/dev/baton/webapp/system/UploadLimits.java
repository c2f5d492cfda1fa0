package dev.baton.webapp.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Gives Spring's multipart reader Baton's upload limit ({@code baton.upload.max-size}): a part it spools to disk (an
 * import's archive, a file sent through a page's form) may be no larger than a file uploaded through the API, which
 * {@code UploadReceiver} stops at the same size while streaming it. Runs after Spring Boot's own codec settings.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
class UploadLimits implements WebFluxConfigurer {

    private final long maxSize;

    UploadLimits(BatonProperties properties) {
        this.maxSize = properties.upload().maxSize().toBytes();
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().configureDefaultCodec(codec -> {
            if (codec instanceof DefaultPartHttpMessageReader reader) {
                // a part is held in memory up to the in-memory limit and spooled to disk beyond it, where the disk
                // limit applies: under a limit smaller than the in-memory one, parts must spool sooner to be held to it
                reader.setMaxInMemorySize((int) Math.min(reader.getMaxInMemorySize(), maxSize));
                reader.setMaxDiskUsagePerPart(maxSize);
            }
        });
    }
}
