package dev.p2pchat.tracker.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import dev.p2pchat.tracker.registry.PeerFields;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * An absolute {@code http} or {@code https} URL with a host, at most
 * {@link PeerFields#MAX_URL_LENGTH} characters, without user info or fragment.
 * {@code null} is valid (combine with {@code @NotNull}).
 */
@Documented
@Constraint(validatedBy = HttpUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface HttpUrl {

	String message() default "must be an absolute http or https URL";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link HttpUrl}. */
	class Validator implements ConstraintValidator<HttpUrl, String> {

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || isHttpUrl(value);
		}

		static boolean isHttpUrl(String value) {
			if (value.isEmpty() || value.length() > PeerFields.MAX_URL_LENGTH) {
				return false;
			}
			try {
				URI uri = new URI(value);
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
				return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
						&& uri.getRawUserInfo() == null && uri.getRawFragment() == null;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

}
