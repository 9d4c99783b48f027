import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import type { Notifications } from '../api/models';

const BASE = '/api/v1/notifications';

/** GET /notifications and the per-user read / dismiss marks. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Notifications> {
    return this.http.get<Notifications>(BASE);
  }

  markRead(ids: string[]): Observable<Notifications> {
    return this.http.post<Notifications>(`${BASE}/read`, { ids });
  }

  markAllRead(): Observable<Notifications> {
    return this.http.post<Notifications>(`${BASE}/read`, { all: true });
  }

  dismiss(ids: string[]): Observable<Notifications> {
    return this.http.post<Notifications>(`${BASE}/dismiss`, { ids });
  }
}
