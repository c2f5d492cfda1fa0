package dev.baton.webapp.content.bulk;

import dev.baton.webapp.system.BatonException;
import org.springframework.http.HttpStatus;

/**
 * An import that cannot be read at all: not a ZIP, too many entries, a manifest without a {@code file} column or
 * that is not UTF-8 or not well-formed. Nothing of it is imported (400). Problems of single files or rows are not
 * exceptions: they are reported and the rest goes on.
 */
public class InvalidImportException extends BatonException {

    public InvalidImportException(String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid import", detail);
    }
}
