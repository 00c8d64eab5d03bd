package io.ferry.provider.ims;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One OTC / Huawei Cloud account in one region: IAM user (name, password, domain), the project to scope the
 * token to (its name, often the region name; the id is read from the token unless given), and the base URLs of
 * IAM and IMS, which default from the region ({@link #forRegion}) and can be set to anything (a regional
 * endpoint, a local test server). {@code caFile}: a PEM file of the CA(s) to trust for both instead of the system
 * trust store (blank: the system's); the hostname is always checked.
 */
public record ImsProfile(
        String region,
        String domain,
        String user,
        String password,
        String project,
        String projectId,
        String iamEndpoint,
        String imsEndpoint,
        Duration timeout,
        String caFile) {

    public ImsProfile {
        region = Objects.requireNonNullElse(region, "").trim();
        domain = Objects.requireNonNullElse(domain, "").trim();
        user = Objects.requireNonNullElse(user, "").trim();
        password = Objects.requireNonNullElse(password, "");
        project = project == null || project.isBlank() ? region : project.trim();
        projectId = Objects.requireNonNullElse(projectId, "").trim();
        iamEndpoint = iamEndpoint == null || iamEndpoint.isBlank() ? defaultIam(region) : strip(iamEndpoint);
        imsEndpoint = imsEndpoint == null || imsEndpoint.isBlank() ? defaultIms(region) : strip(imsEndpoint);
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        caFile = Objects.requireNonNullElse(caFile, "").strip();
        if (iamEndpoint.isEmpty() || imsEndpoint.isEmpty()) {
            throw new IllegalArgumentException("IMS profile needs a region (e.g. eu-de) or both endpoints set");
        }
    }

    /** With the system trust store (no CA file). */
    public ImsProfile(String region, String domain, String user, String password, String project, String projectId,
            String iamEndpoint, String imsEndpoint, Duration timeout) {
        this(region, domain, user, password, project, projectId, iamEndpoint, imsEndpoint, timeout, "");
    }

    public static ImsProfile forRegion(String region, String domain, String user, String password, String project) {
        return new ImsProfile(region, domain, user, password, project, "", null, null, null);
    }

    public ImsProfile withEndpoints(String iam, String ims) {
        return new ImsProfile(region, domain, user, password, project, projectId, iam, ims, timeout, caFile);
    }

    /** The same account trusting the CA(s) of a PEM file (blank: the system trust store) for IAM and IMS. */
    public ImsProfile withCaFile(String pemFile) {
        return new ImsProfile(region, domain, user, password, project, projectId, iamEndpoint, imsEndpoint, timeout, pemFile);
    }

    /**
     * OTC's IAM hosts (cloud-apis.md §3.1): iam.&lt;region&gt;.otc.t-systems.com, except the Swiss region's
     * iam-pub.eu-ch2.sc.otc.t-systems.com; Huawei Cloud regions (ap-…, cn-…, la-…, af-…, me-…, tr-…, eu-west-…)
     * use iam.&lt;region&gt;.myhuaweicloud.com.
     */
    static String defaultIam(String region) {
        if (region.isEmpty()) {
            return "";
        }
        String r = region.toLowerCase(Locale.ROOT);
        if (r.equals("eu-ch2")) {
            return "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3";
        }
        return isOtc(r) ? "https://iam." + r + ".otc.t-systems.com/v3" : "https://iam." + r + ".myhuaweicloud.com/v3";
    }

    static String defaultIms(String region) {
        if (region.isEmpty()) {
            return "";
        }
        String r = region.toLowerCase(Locale.ROOT);
        if (r.equals("eu-ch2")) {
            return "https://ims.eu-ch2.sc.otc.t-systems.com";
        }
        return isOtc(r) ? "https://ims." + r + ".otc.t-systems.com" : "https://ims." + r + ".myhuaweicloud.com";
    }

    private static boolean isOtc(String r) {
        return r.equals("eu-de") || r.equals("eu-nl") || r.equals("eu-ch2");
    }

    private static String strip(String u) {
        return u.trim().replaceAll("/+$", "");
    }

    /** The token URL: IAM base (with or without its /v3) + /v3/auth/tokens. */
    public String tokenUrl() {
        return (iamEndpoint.endsWith("/v3") ? iamEndpoint : iamEndpoint + "/v3") + "/auth/tokens";
    }

    @Override
    public String toString() {
        return "ImsProfile[" + region + ", " + domain + "/" + user + ", project " + project + ", IAM " + iamEndpoint
                + ", IMS " + imsEndpoint + (caFile.isEmpty() ? "" : ", CA file " + caFile) + "]";
    }
}
