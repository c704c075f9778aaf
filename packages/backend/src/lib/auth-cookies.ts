import type { CookieOptions, Request, Response } from "express";

/**
 * Session cookies: HttpOnly and SameSite always; Secure with the __Host-/__Secure- prefixes when the app is
 * served over https, so plain-http localhost keeps working for `npm start` and curl.
 */
export class AuthCookies {
  readonly accessName: string;
  readonly refreshName: string;
  private readonly secure: boolean;

  constructor(appBaseUrl: string) {
    this.secure = new URL(appBaseUrl).protocol === "https:";
    this.accessName = this.secure ? "__Host-chat3d_access" : "chat3d_access";
    this.refreshName = this.secure ? "__Secure-chat3d_refresh" : "chat3d_refresh";
  }

  private base(): CookieOptions {
    return { httpOnly: true, secure: this.secure };
  }

  private refreshOptions(): CookieOptions {
    // Only the auth endpoints ever see the refresh token.
    return { ...this.base(), sameSite: "strict", path: "/api/auth" };
  }

  set(
    res: Response,
    tokens: { accessToken: string; accessTtlS: number; refreshToken: string; refreshExpiresAt: Date },
  ) {
    res.cookie(this.accessName, tokens.accessToken, {
      ...this.base(),
      sameSite: "lax",
      path: "/",
      maxAge: tokens.accessTtlS * 1000,
    });
    res.cookie(this.refreshName, tokens.refreshToken, { ...this.refreshOptions(), expires: tokens.refreshExpiresAt });
  }

  clear(res: Response) {
    res.clearCookie(this.accessName, { ...this.base(), sameSite: "lax", path: "/" });
    res.clearCookie(this.refreshName, this.refreshOptions());
  }

  access(req: Request): string | undefined {
    const value = req.cookies?.[this.accessName];
    return typeof value === "string" && value ? value : undefined;
  }

  refresh(req: Request): string | undefined {
    const value = req.cookies?.[this.refreshName];
    return typeof value === "string" && value ? value : undefined;
  }
}
