package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.store.StoreBackups;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;

import java.util.List;

/**
 * {@code /api/v1/backups}: online backups of the node's embedded event store ({@link StoreBackups}),
 * taken while it serves, into the directory the file's {@code store.backup-directory} names. The
 * API names no path: a token can make the node write a backup, never choose where. Admin only:
 * a backup holds every client's lease history.
 */
@Controller("/api/v1/backups")
@RequiresRole(Role.ADMIN)
public final class BackupsController {
    private final StoreBackups backups;

    public BackupsController(StoreBackups backups) {
        this.backups = backups;
    }

    public record BackupView(String file, long bytes, String taken) {
        static BackupView of(StoreBackups.Backup backup) {
            return new BackupView(backup.file().toString(), backup.bytes(), backup.taken().toString());
        }
    }

    /** Takes a backup now and answers once it is complete on disk. */
    @Post
    public HttpResponse<BackupView> take() throws ApiException {
        try {
            return HttpResponse.created(BackupView.of(backups.take()));
        } catch (StoreBackups.BackupFailed e) {
            throw e.unsupported()
                    ? new ApiException(HttpStatus.CONFLICT, new ApiError("unsupported", e.getMessage(), List.of()))
                    : new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("backup-failed", e.getMessage(), List.of()));
        }
    }

    /** The backups in the directory, newest first. */
    @Get
    public List<BackupView> list() {
        return backups.list().stream().map(BackupView::of).toList();
    }
}
