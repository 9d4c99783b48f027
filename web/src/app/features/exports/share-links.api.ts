import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { components } from '../../core/api/api-types';
import type { ActionDetail } from '../../core/api/models';

type Schemas = components['schemas'];

export type ShareLink = Schemas['ShareLinkDto'];
export type CreatedShareLink = Schemas['CreatedShareLinkDto'];
export type CreateShareLinkRequest = Schemas['CreateShareLinkDto'];

/** The public page of a link in the web app (`compartido/<token>`), under the build's base href. */
export const SHARED_PATH = 'compartido';

/**
 * The address a partner opens: this build's origin and base href (`/` or `/en/`) and
 * `compartido/<token>`.
 */
export function sharedPageUrl(token: string, baseUri: string): string {
  return new URL(`${SHARED_PATH}/${encodeURIComponent(token)}`, baseUri).toString();
}

/** POST/GET /actions/:id/share-links, POST …/:linkId/revoke, and the public GET /shared/:token. */
@Injectable({ providedIn: 'root' })
export class ShareLinksApi {
  private readonly http = inject(HttpClient);

  list(actionId: string): Observable<ShareLink[]> {
    return this.http.get<ShareLink[]>(
      `/api/v1/actions/${encodeURIComponent(actionId)}/share-links`,
    );
  }

  create(actionId: string, body: CreateShareLinkRequest): Observable<CreatedShareLink> {
    return this.http.post<CreatedShareLink>(
      `/api/v1/actions/${encodeURIComponent(actionId)}/share-links`,
      body,
    );
  }

  revoke(actionId: string, linkId: string): Observable<ShareLink> {
    return this.http.post<ShareLink>(
      `/api/v1/actions/${encodeURIComponent(actionId)}/share-links/${encodeURIComponent(linkId)}/revoke`,
      {},
    );
  }

  /** The partner view behind a link: no sign-in; 404 SHARE_LINK_NOT_FOUND once expired or revoked. */
  view(token: string): Observable<ActionDetail> {
    return this.http.get<ActionDetail>(`/api/v1/shared/${encodeURIComponent(token)}`);
  }
}
