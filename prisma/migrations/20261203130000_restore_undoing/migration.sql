-- Undo of a governed restore runs as an UNDO job in the worker: the request is UNDOING meanwhile.
ALTER TYPE "restore_status" ADD VALUE 'UNDOING' AFTER 'VERIFIED';
