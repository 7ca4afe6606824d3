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
 * {@link PeerFields#MAX_URL_LENGTH} characters, without user info or fragment, whose host
 * {@link PeerUrlHosts} allows. {@code null} is valid (combine with {@code @NotNull}).
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

		private static final String NOT_HTTP = "must be an absolute http or https URL";

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			String refusal = (value != null) ? refusal(value) : null;
			if (refusal == null) {
				return true;
			}
			if (!refusal.equals(NOT_HTTP)) {
				// the messages are constants: no user input is ever interpolated
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
			}
			return false;
		}

		static boolean isHttpUrl(String value) {
			return refusal(value) == null;
		}

		static @Nullable String refusal(String value) {
			if (value.isEmpty() || value.length() > PeerFields.MAX_URL_LENGTH) {
				return NOT_HTTP;
			}
			URI uri;
			try {
				uri = new URI(value);
			}
			catch (URISyntaxException ex) {
				return NOT_HTTP;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
					|| uri.getRawFragment() != null) {
				return (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))
						? "must not contain user info" : NOT_HTTP;
			}
			if (uri.getRawUserInfo() != null) {
				return "must not contain user info";
			}
			return PeerUrlHosts.refusal(uri.getHost());
		}

	}

}
