import { Global, Module } from '@nestjs/common';
import { VersionedWriter } from '../common/versioned-write';
import { AuditService } from './audit.service';

@Global()
@Module({ providers: [AuditService, VersionedWriter], exports: [AuditService, VersionedWriter] })
export class AuditModule {}
