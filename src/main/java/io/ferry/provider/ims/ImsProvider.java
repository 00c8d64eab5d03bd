package io.ferry.provider.ims;

import io.ferry.domain.ErrorCode;
import io.ferry.domain.PhaseAction;
import io.ferry.domain.Transfer;
import io.ferry.domain.TransferPhase;
import io.ferry.provider.TransferContext;
import io.ferry.provider.TransferException;
import io.ferry.provider.TransferStopped;
import io.ferry.provider.remote.MappedStatus;
import io.ferry.provider.remote.RemoteJobProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Provider {@code ims}: follows an OTC / Huawei IMS asynchronous job until SUCCESS or FAIL, after starting one
 * when asked to (option {@code ims.start}: {@code import} an image file from OBS, or {@code export} an image to
 * OBS). The job id is stored in the options as soon as IMS returns it, so a restart follows the same job.
 */
public final class ImsProvider extends RemoteJobProvider<ImsClient> {
    public static final String ID = "ims";

    public ImsProvider(ImsConnector connector, Duration defaultInterval) {
        super(ID, connector::connect, defaultInterval);
    }

    @Override
    public void run(TransferContext ctx) throws TransferException, TransferStopped, InterruptedException {
        Transfer t = ctx.current();
        ImsClient client = connect(t);
        String jobId = t.option(ImsOptions.JOB_ID, "").trim();
        if (jobId.isEmpty()) {
            jobId = start(ctx, client, t);
        }
        ImsJobApi api = ImsJobApi.parse(t.option(ImsOptions.JOB_API, "")).orElse(ImsJobApi.JOBS);
        String id = jobId;
        pollUntilFinal(ctx, t, () -> pollOnce(ctx, client, id, api));
    }

    private String start(TransferContext ctx, ImsClient client, Transfer t) throws TransferException {
        Map<String, String> o = t.options();
        String what = o.getOrDefault(ImsOptions.START, "").trim().toLowerCase(Locale.ROOT);
        String jobId;
        try {
            jobId = switch (what) {
                case "import" -> client.importImage(new ImageImportRequest(o.get(ImsOptions.IMAGE_NAME),
                        o.get(ImsOptions.IMAGE_URL), parseInt(o.get(ImsOptions.MIN_DISK), ImsOptions.MIN_DISK),
                        o.get(ImsOptions.OS_VERSION), o.get(ImsOptions.DESCRIPTION), o.get(ImsOptions.TYPE),
                        tags(o.get(ImsOptions.TAGS))));
                case "export" -> client.exportImage(new ImageExportRequest(o.get(ImsOptions.IMAGE_ID),
                        o.get(ImsOptions.BUCKET_URL), o.get(ImsOptions.FILE_FORMAT),
                        Boolean.parseBoolean(o.getOrDefault(ImsOptions.QUICK_EXPORT, "false"))));
                default -> throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().imsEndpoint(),
                        "an IMS transfer needs a job id (" + ImsOptions.JOB_ID + ") to watch, or " + ImsOptions.START
                                + "=import|export to start one");
            };
        } catch (IllegalArgumentException e) {
            throw new TransferException(ErrorCode.INVALID_ARGUMENT, client.profile().imsEndpoint(), e.getMessage());
        }
        String id = jobId;
        ctx.update(x -> x.withOption(ImsOptions.JOB_ID, id).withAttribute("job_id", id));
        return id;
    }

    private static java.util.List<String> tags(String s) {
        return s == null || s.isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static int parseInt(String s, String option) {
        try {
            return Integer.parseInt(s == null ? "" : s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number of GB, got \"" + s + "\"");
        }
    }

    private boolean pollOnce(TransferContext ctx, ImsClient client, String jobId, ImsJobApi api) throws TransferException {
        ImsJob job = client.getJob(jobId, api);
        ctx.update(t -> ImsJobMapper.apply(t, job));
        MappedStatus m = ImsStatusMapping.map(job.status());
        if (m.phase() == TransferPhase.FINISHED_FAILURE) {
            String url = client.jobUrl(ImsJobApi.JOBS, jobId, client.tokens().token().projectId());
            for (ImsJobMapper.JobError e : ImsJobMapper.errors(job, url)) {
                ctx.recordError(e.code(), e.sample());
            }
        }
        ctx.observe(m.phase(), job.status(), reason(m, job));
        return m.phase().isFinal();
    }

    private static String reason(MappedStatus m, ImsJob job) {
        if (!m.known()) {
            return "unrecognised IMS job status \"" + job.status() + "\"";
        }
        StringBuilder b = new StringBuilder(job.jobType().isEmpty() ? "job" : job.jobType()).append(' ').append(job.status());
        if (!job.errorCode().isEmpty()) {
            b.append(": ").append(job.errorCode());
        }
        if (!job.failReason().isEmpty()) {
            b.append(": ").append(job.failReason());
        } else if (!job.currentTask().isEmpty()) {
            b.append(" (").append(job.currentTask()).append(')');
        }
        return b.toString();
    }

    /**
     * IMS has no call to pause, resume, cancel, finalize or extend an asynchronous job: every operator action but
     * retry (which re-reads the job) is refused with that reason.
     */
    @Override
    public ActionResult act(Transfer transfer, PhaseAction action) throws TransferException {
        return switch (action) {
            case PAUSE, RESUME, CANCEL, FINALIZE, EXTEND -> throw new TransferException(ErrorCode.FAILED_PRECONDITION,
                    transfer.option(ImsOptions.JOB_ID, ""),
                    "IMS jobs cannot be " + pastTense(action)
                            + ": the IMS API has no call to " + action.wireName() + " an asynchronous job; it runs to SUCCESS or FAIL");
            default -> ActionResult.LOCAL;
        };
    }

    private static String pastTense(PhaseAction a) {
        return switch (a) {
            case PAUSE -> "paused";
            case RESUME -> "resumed";
            case CANCEL -> "cancelled";
            case FINALIZE -> "finalized";
            case EXTEND -> "extended";
            default -> a.wireName();
        };
    }
}
