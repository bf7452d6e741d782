import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@zhulian/access';
import { APP_CONFIG, AppConfig } from '@zhulian/core';
import { AccessTokenService } from './auth/access-token.service';
import { ActorLoader } from './auth/actor.loader';
import { AuthGuard } from './auth/auth.guard';
import { AuthResolver } from './auth/auth.resolver';
import { AuthService } from './auth/auth.service';
import { PageSessions } from './auth/page-sessions';
import { SessionChecks } from './auth/session-checks';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import { InvitationResolver } from './invitations/invitation.resolver';
import { InvitationService } from './invitations/invitation.service';
import { InvitationAdminService } from './invitations/invitation-admin.service';
import { GrantableRoles } from './members/grantable-roles';
import { UserResolver } from './members/me.resolver';
import { MemberResolver } from './members/member.resolver';
import { MemberService } from './members/member.service';
import { OrganisationResolver } from './organisations/organisation.resolver';
import { OrganisationService } from './organisations/organisation.service';

@Module({
  imports: [
    AccessModule,
    TypeOrmModule.forFeature([Organisation, User, Membership, Invitation]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken tries to parse it as a public key on
      // every call before using it as an HMAC secret, which cost a third of the API's CPU under load.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    AccessTokenService,
    ActorLoader,
    SessionChecks,
    PageSessions,
    AuthService,
    LoginThrottle,
    PasswordHasher,
    OrganisationService,
    MemberService,
    InvitationService,
    InvitationAdminService,
    GrantableRoles,
    AuthResolver,
    UserResolver,
    OrganisationResolver,
    MemberResolver,
    InvitationResolver,
  ],
  exports: [AuthService, PasswordHasher, OrganisationService, MemberService, SessionChecks, PageSessions],
})
export class IdentityModule {}
